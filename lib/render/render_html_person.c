/* render_html_person.c - a person: profile with role and persona names,
 * progress per role, levels against targets (a chart), gaps and the
 * learning plan with its reasons said in --lang. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "render/render_html.h"

/* ---- a person: roles, scores, gaps and plan ---- */

static void
put_persona(FILE *f, const char *id)
{
	const char *name = csf_name_of("persona", id);
	csf_put_html(f, *name ? name : id);
}

/* The string or array of strings at key, as a list (1 roles, 2 personas). */
static void
put_id_list(FILE *f, const json_t *v, int roles)
{
	if (json_is_string(v)) {
		if (roles == 1)
			html_role(f, json_string_value(v));
		else if (roles == 2)
			put_persona(f, json_string_value(v));
		else
			csf_put_html(f, json_string_value(v));
		return;
	}
	size_t i;
	json_t *x;
	json_array_foreach((json_t *)v, i, x) {
		if (!json_is_string(x))
			continue;
		if (i > 0)
			csf_put_html(f, L("list_sep"));
		if (roles == 1)
			html_role(f, json_string_value(x));
		else if (roles == 2)
			put_persona(f, json_string_value(x));
		else
			csf_put_html(f, json_string_value(x));
	}
}

/* The item IDs of an array, each titled with the item's text. */
static void
put_items(FILE *f, csf_iter it)
{
	csf_field x;
	char stack[256];
	for (size_t i = 0; csf_iter_next(&it, &x); i++) {
		char *buf = x.len < sizeof stack ? stack : xmalloc(x.len + 1);
		const char *id = csf_raw_str(&x, buf, x.len + 1);
		if (id) {
			if (i > 0)
				fputs(", ", f);
			fputs("<span title=\"", f);
			csf_put_html(f, html_item_text(id));
			fputs("\">", f);
			csf_put_html(f, id);
			fputs("</span>", f);
		}
		if (buf != stack)
			free(buf);
	}
}

/* The items of the plan's uncovered list ({item, ...} objects). */
static void
put_uncovered(FILE *f, csf_iter it)
{
	csf_field x;
	size_t n = 0;
	while (csf_iter_next(&it, &x)) {
		csf_field want = { "item", NULL, 0 };
		char id[256];
		if (x.val[0] != '{' || csf_fields(x.val, x.len, &want, 1) < 0 || !csf_raw_str(&want, id, sizeof id))
			continue;
		if (n++ > 0)
			fputs(", ", f);
		fputs("<span title=\"", f);
		csf_put_html(f, html_item_text(id));
		fputs("\">", f);
		csf_put_html(f, id);
		fputs("</span>", f);
	}
}

/* "80時間" / "80 hours". */
static void
put_hours(FILE *f, double hours)
{
	char n[32];
	snprintf(n, sizeof n, "%g", hours);
	html_labelf(f, hours == 1 ? "hour_1" : "hours_n", n);
}

/* A plan step's resource named in --lang from the data; the record's own
 * name (in the language csf-plan ran in) when the data lack it. */
static const char *
step_name(const csf_flat *step)
{
	const char *rid = csf_flat_str(step, "resource"), *name = csf_flat_str(step, "name");
	json_t *res = rid ? csf_data_find("resource", rid) : NULL;
	const char *own = res ? csf_text(json_object_get(res, "name")) : "";
	return *own ? own : name ? name : rid ? rid : "";
}

/* csf-plan's reason, a sentence in either language or {item, from, to,
 * why}, said in --lang by the label table; 0 if it is neither. */
static int
put_reason(FILE *f, const csf_flat *step)
{
	/* csf-plan's sentences repeat ("largest open gap: K007 (0 -> 4)"):
	 * each is said in --lang once, up to a bound on what is kept. */
	static strmap *said;
	const char *sentence = csf_flat_str(step, "reason");
	csf_field v;
	char *text = NULL;
	if (sentence) {
		if (!said)
			said = strmap_new();
		char *known = strmap_get(said, sentence);
		if (!known) {
			json_t *reason = json_string(sentence);
			known = csf_reason_text(reason);
			json_decref(reason);
			if (strmap_count(said) < 4096)
				*strmap_slot(said, sentence, NULL) = known;
			else
				text = known;
		}
		sentence = known;
	} else if (csf_flat_get(step, "reason", &v) && v.len && v.val[0] == '{') {
		json_t *reason = csf_build_json(v.val, v.len);
		sentence = text = csf_reason_text(reason);
		json_decref(reason);
	} else
		return 0;
	fputs("<br><span class=\"muted\">", f);
	csf_put_html(f, sentence);
	fputs("</span>", f);
	free(text);
	return 1;
}

/* A numeric cell of rec's key. */
static void
cell_num(FILE *f, const csf_flat *rec, const char *key, int decimals)
{
	double x;
	fputs("<td class=\"num\">", f);
	if (csf_flat_num(rec, key, &x))
		html_num(f, x, decimals);
	fputs("</td>", f);
}

static int
array_nonempty(const csf_flat *rec, const char *key, csf_iter *it)
{
	csf_iter probe;
	csf_field x;
	if (!csf_flat_array(rec, key, it))
		return 0;
	probe = *it;
	return csf_iter_next(&probe, &x);
}

/* A person's section after its opening tag: the tag carries the section's
 * number, known only once the whole input is read. */
void
html_person_body(FILE *f, const struct csf_flat_person *p)
{
	const char *name = csf_flat_person_name(p);
	fprintf(f, "<h2>%s: ", L("person"));
	csf_put_html(f, name);
	if (strcmp(name, p->subject)) {
		fputs(" <span class=\"muted\">(", f);
		csf_put_html(f, p->subject);
		fputs(")</span>", f);
	}
	fputs("</h2>\n", f);
	const json_t *pr = p->profile;
	if (pr) {
		fputs("<dl class=\"facts\">\n", f);
		if (csf_str(pr, "department")) {
			fprintf(f, "<dt>%s</dt><dd>", L("department"));
			csf_put_html(f, csf_str(pr, "department"));
			fputs("</dd>\n", f);
		}
		if (json_object_get(pr, "role")) {
			fprintf(f, "<dt>%s</dt><dd>", L("roles"));
			put_id_list(f, json_object_get(pr, "role"), 1);
			fputs("</dd>\n", f);
		}
		if (json_object_get(pr, "persona")) {
			fprintf(f, "<dt>%s</dt><dd>", L("personas"));
			put_id_list(f, json_object_get(pr, "persona"), 2);
			fputs("</dd>\n", f);
		}
		fputs("</dl>\n", f);
	}
	if (p->summaries.n > 0) {
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("summary"), L("roles"), L("coverage"), L("task_cov"), L("ks_cov"), L("mean"), L("answered"));
		for (size_t i = 0; i < p->summaries.n; i++) {
			const csf_flat *rec = p->summaries.v[i];
			const char *kind = csf_flat_str(rec, "kind");
			fputs("<tr><th>", f);
			if (kind && !strcmp(kind, "role"))
				html_role(f, csf_flat_str(rec, "role") ? csf_flat_str(rec, "role") : "");
			else
				put_persona(f, csf_flat_str(rec, "persona") ? csf_flat_str(rec, "persona") : "");
			fputs("</th>", f);
			cell_num(f, rec, "coverage", 1);
			cell_num(f, rec, "task_coverage", 1);
			cell_num(f, rec, "ks_coverage", 1);
			cell_num(f, rec, "mean", 2);
			long long ans, items;
			fputs("<td class=\"num\">", f);
			if (csf_flat_int(rec, "answered", &ans) && csf_flat_int(rec, "items", &items))
				fprintf(f, "%lld/%lld", ans, items);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	if (p->items.n + p->gaps.n > 0) {
		fprintf(f, "<h3>%s</h3>\n<figure>\n", L("levels"));
		csf_report_flat_bars(f, p, 0);
		fputs("</figure>\n", f);
	}
	if (p->gaps.n > 0) {
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("gaps"), L("item"), L("class"), L("text"), L("current"), L("target"), L("gap"), L("severity"));
		for (size_t i = 0; i < p->gaps.n; i++) {
			const csf_flat *rec = p->gaps.v[i];
			const char *item = csf_flat_str(rec, "item");
			fputs("<tr><td class=\"id\">", f);
			csf_put_html(f, item ? item : "");
			fputs("</td><td class=\"word\">", f);
			csf_put_html(f, html_field_word("class", csf_flat_str(rec, "class")));
			fputs("</td><td>", f);
			csf_put_html(f, item ? html_item_text(item) : "");
			double cur, target;
			int cur_kind = csf_flat_num(rec, "current", &cur);
			int band = cur_kind && csf_flat_num(rec, "target", &target) ? csf_band_of_level(cur, target) : CSF_BAND_NONE;
			fputs("</td><td class=\"num", f);
			fputs(html_band_class(band), f);
			fputs("\">", f);
			if (cur_kind)
				html_num(f, cur, cur_kind == CSF_FLAT_INT ? 0 : 1);
			fputs("</td>", f);
			cell_num(f, rec, "target", 0);
			cell_num(f, rec, "gap", 0);
			fputs("<td class=\"word\">", f);
			csf_put_html(f, html_field_word("severity", csf_flat_str(rec, "severity")));
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	if (p->steps.n > 0 || p->plansum) {
		fprintf(f, "<h3>%s</h3>\n<ol class=\"plan\">\n", L("plan"));
		for (size_t i = 0; i < p->steps.n; i++) {
			const csf_flat *rec = p->steps.v[i];
			fputs("<li><strong>", f);
			csf_put_html(f, step_name(rec));
			fputs("</strong>", f);
			double hours;
			if (csf_flat_num(rec, "hours", &hours)) {
				fputs(" (", f);
				put_hours(f, hours);
				fputs(")", f);
			}
			csf_iter it;
			if (array_nonempty(rec, "closes", &it)) {
				fprintf(f, "<br>%s: ", L("closes"));
				put_items(f, it);
			}
			if (array_nonempty(rec, "raises", &it)) {
				fprintf(f, "<br>%s: ", L("raises"));
				put_items(f, it);
			}
			put_reason(f, rec);
			fputs("</li>\n", f);
		}
		fputs("</ol>\n", f);
		const csf_flat *ps = p->plansum;
		if (ps) {
			double hours;
			long long closed, gaps;
			fputs("<p>", f);
			if (csf_flat_num(ps, "hours", &hours)) {
				fprintf(f, "%s: ", L("plan_total"));
				put_hours(f, hours);
			}
			if (csf_flat_int(ps, "closed", &closed) && csf_flat_int(ps, "gaps", &gaps))
				fprintf(f, "; %s: %lld/%lld", L("gaps_closed"), closed, gaps);
			fputs("</p>\n", f);
			csf_iter it;
			if (array_nonempty(ps, "uncovered", &it)) {
				fprintf(f, "<p>%s: ", L("uncovered"));
				put_uncovered(f, it);
				fputs("</p>\n", f);
			}
		}
	}
	fputs("</section>\n", f);
}
