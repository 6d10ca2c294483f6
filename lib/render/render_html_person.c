/* render_html_person.c - a person: profile with role and persona names,
 * progress per role, levels against targets (a chart), gaps and the
 * learning plan with its reasons said in --lang. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "render/render_html.h"

/* ---- a person: roles, scores, gaps and plan ---- */

/* A field's values as words in --lang ("class", "severity": a few values,
 * one on every row), escaped once a run. */
#define WORDS_MAX 16
struct words {
	const char *field;
	size_t n;
	char *value[WORDS_MAX], *html[WORDS_MAX];
	size_t len[WORDS_MAX];
};

static void
put_word(csf_buf *b, struct words *w, const char *value)
{
	if (!value)
		return;   /* html_field_word's "" */
	for (size_t i = 0; i < w->n; i++)
		if (csf_streq(w->value[i], value)) {
			csf_buf_put(b, w->html[i], w->len[i]);
			return;
		}
	if (w->n == WORDS_MAX) {
		csf_buf_html(b, html_field_word(w->field, value));
		return;
	}
	csf_buf h = { 0 };
	csf_buf_html(&h, html_field_word(w->field, value));
	csf_buf_put(b, h.p, h.n);
	w->len[w->n] = h.n;
	csf_buf_putc(&h, '\0');
	w->value[w->n] = xstrdup(value);
	w->html[w->n++] = h.p;
}

static void
put_persona(csf_buf *b, const char *id)
{
	const char *name = csf_name_of("persona", id);
	csf_buf_html(b, *name ? name : id);
}

/* The string or array of strings at key, as a list (1 roles, 2 personas). */
static void
put_id_list(csf_buf *b, const json_t *v, int roles)
{
	if (json_is_string(v)) {
		if (roles == 1)
			html_buf_role(b, json_string_value(v));
		else if (roles == 2)
			put_persona(b, json_string_value(v));
		else
			csf_buf_html(b, json_string_value(v));
		return;
	}
	size_t i;
	json_t *x;
	json_array_foreach((json_t *)v, i, x) {
		if (!json_is_string(x))
			continue;
		if (i > 0)
			csf_buf_html(b, L("list_sep"));
		if (roles == 1)
			html_buf_role(b, json_string_value(x));
		else if (roles == 2)
			put_persona(b, json_string_value(x));
		else
			csf_buf_html(b, json_string_value(x));
	}
}

/* The item IDs of an array, each titled with the item's text. */
static void
put_items(csf_buf *b, csf_iter it)
{
	csf_field x;
	char stack[256];
	for (size_t i = 0; csf_iter_next(&it, &x); i++) {
		char *buf = x.len < sizeof stack ? stack : xmalloc(x.len + 1);
		const char *id = csf_raw_str(&x, buf, x.len + 1);
		if (id) {
			if (i > 0)
				csf_buf_lit(b, ", ");
			html_put_item_span(b, id);
		}
		if (buf != stack)
			free(buf);
	}
}

/* The items of the plan's uncovered list ({item, ...} objects). */
static void
put_uncovered(csf_buf *b, csf_iter it)
{
	csf_field x;
	size_t n = 0;
	while (csf_iter_next(&it, &x)) {
		csf_field want = { "item", NULL, 0 };
		char id[256];
		if (x.val[0] != '{' || csf_fields(x.val, x.len, &want, 1) < 0 || !csf_raw_str(&want, id, sizeof id))
			continue;
		if (n++ > 0)
			csf_buf_lit(b, ", ");
		csf_buf_lit(b, "<span title=\"");
		csf_buf_html(b, html_item_text(id));
		csf_buf_lit(b, "\">");
		csf_buf_html(b, id);
		csf_buf_lit(b, "</span>");
	}
}

/* "80時間" / "80 hours". */
static void
put_hours(csf_buf *b, double hours)
{
	char n[CSF_FIXED_MAX];
	if (hours == floor(hours) && fabs(hours) < 1e6 && (hours != 0 || !signbit(hours)))
		n[csf_fmt_fixed(n, hours, 0)] = '\0';   /* as %g writes a whole number under a million */
	else
		snprintf(n, sizeof n, "%g", hours);
	html_buf_labelf(b, hours == 1 ? "hour_1" : "hours_n", n);
}

/* A plan step's resource named in --lang from the data; the record's own
 * name (in the language csf-plan ran in) when the data lack it. */
/* A step's resource as named in the data (escaped once per resource for
 * the run), else as the step names it, else its ID. */
struct resource_name {
	const char *text;   /* "" if the data lack it */
	char *html;
	size_t len;
};

static void
put_step_name(csf_buf *b, const csf_flat *step)
{
	static strmap *names;
	static struct csf_strcache recent;
	size_t rlen;
	const char *rid = csf_flat_strn(step, "resource", &rlen);
	struct resource_name *rn = NULL;
	if (rid && !(rn = csf_strcache_get(&recent, rid, rlen))) {
		if (!names)
			names = strmap_new();
		int created;
		void **slot = strmap_slot(names, rid, &created);
		if (created) {
			json_t *res = csf_data_find("resource", rid);
			rn = xcalloc(1, sizeof *rn);
			rn->text = res ? csf_text(json_object_get(res, "name")) : "";
			csf_buf h = { 0 };
			csf_buf_html(&h, rn->text);
			rn->html = h.p;
			rn->len = h.n;
			*slot = rn;
		}
		rn = *slot;
		csf_strcache_put(&recent, rid, rlen, rn);
	}
	if (rn && *rn->text) {
		csf_buf_put(b, rn->html, rn->len);
		return;
	}
	const char *name = csf_flat_str(step, "name");
	csf_buf_html(b, name ? name : rid ? rid : "");
}

/* csf-plan's reason, a sentence in either language or {item, from, to,
 * why}, said in --lang by the label table; 0 if it is neither. */
static int
put_reason(csf_buf *b, const csf_flat *step)
{
	/* csf-plan's sentences repeat ("largest open gap: K007 (0 -> 4)"):
	 * each is said in --lang and escaped once, up to a bound on what is
	 * kept. */
	static strmap *said;
	static struct csf_strcache recent;
	size_t slen;
	const char *sentence = csf_flat_strn(step, "reason", &slen);
	csf_field v;
	if (sentence) {
		if (!said)
			said = strmap_new();
		/* kept as its length, then the text */
		size_t *known = csf_strcache_get(&recent, sentence, slen);
		if (!known && (known = strmap_get(said, sentence)))
			csf_strcache_put(&recent, sentence, slen, known);
		int kept = known != NULL;
		if (!known) {
			json_t *reason = json_string(sentence);
			char *text = csf_reason_text(reason);
			json_decref(reason);
			csf_buf h = { 0 };
			csf_buf_put(&h, (const char *)&(size_t){ 0 }, sizeof (size_t));
			csf_buf_html(&h, text);
			free(text);
			known = (size_t *)(void *)h.p;
			*known = h.n - sizeof (size_t);
			if (strmap_count(said) < 4096) {
				*strmap_slot(said, sentence, NULL) = known;
				csf_strcache_put(&recent, sentence, slen, known);
				kept = 1;
			}
		}
		csf_buf_lit(b, "<br><span class=\"muted\">");
		csf_buf_put(b, (const char *)(known + 1), *known);
		csf_buf_lit(b, "</span>");
		if (!kept)
			free(known);
		return 1;
	}
	if (csf_flat_get(step, "reason", &v) && v.len && v.val[0] == '{') {
		json_t *reason = csf_build_json(v.val, v.len);
		char *text = csf_reason_text(reason);
		json_decref(reason);
		csf_buf_lit(b, "<br><span class=\"muted\">");
		csf_buf_html(b, text);
		csf_buf_lit(b, "</span>");
		free(text);
		return 1;
	}
	return 0;
}

/* A numeric cell of rec's key. */
static void
cell_num(csf_buf *b, const csf_flat *rec, struct csf_flat_key key, int decimals)
{
	double x;
	csf_buf_lit(b, "<td class=\"num\">");
	if (csf_flat_num_k(rec, key, &x))
		html_buf_num(b, x, decimals);
	csf_buf_lit(b, "</td>");
}

static int
array_nonempty(const csf_flat *rec, struct csf_flat_key key, csf_iter *it)
{
	csf_iter probe;
	csf_field x;
	if (!csf_flat_array_k(rec, key, it))
		return 0;
	probe = *it;
	return csf_iter_next(&probe, &x);
}

/* A person's section after its opening tag: the tag carries the section's
 * number, known only once the whole input is read. */
void
html_section_open(csf_buf *b, int id)
{
	csf_buf_lit(b, "<section id=\"s");
	csf_buf_int(b, id);
	csf_buf_lit(b, "\" class=\"person\">\n");
}

void
html_person_body(csf_buf *b, const struct csf_flat_person *p)
{
	static struct words classes = { "class", 0, { 0 }, { 0 }, { 0 } }, severities = { "severity", 0, { 0 }, { 0 }, { 0 } };
	const char *name = csf_flat_person_name(p);
	csf_buf_printf(b, "<h2>%s: ", L("person"));
	csf_buf_html(b, name);
	if (strcmp(name, p->subject)) {
		csf_buf_lit(b, " <span class=\"muted\">(");
		csf_buf_html(b, p->subject);
		csf_buf_lit(b, ")</span>");
	}
	csf_buf_lit(b, "</h2>\n");
	const json_t *pr = p->profile;
	if (pr) {
		csf_buf_lit(b, "<dl class=\"facts\">\n");
		if (csf_str(pr, "department")) {
			csf_buf_printf(b, "<dt>%s</dt><dd>", L("department"));
			csf_buf_html(b, csf_str(pr, "department"));
			csf_buf_lit(b, "</dd>\n");
		}
		if (json_object_get(pr, "role")) {
			csf_buf_printf(b, "<dt>%s</dt><dd>", L("roles"));
			put_id_list(b, json_object_get(pr, "role"), 1);
			csf_buf_lit(b, "</dd>\n");
		}
		if (json_object_get(pr, "persona")) {
			csf_buf_printf(b, "<dt>%s</dt><dd>", L("personas"));
			put_id_list(b, json_object_get(pr, "persona"), 2);
			csf_buf_lit(b, "</dd>\n");
		}
		csf_buf_lit(b, "</dl>\n");
	}
	if (p->summaries.n > 0) {
		csf_buf_printf(b, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("summary"), L("roles"), L("coverage"), L("task_cov"), L("ks_cov"), L("mean"), L("answered"));
		for (size_t i = 0; i < p->summaries.n; i++) {
			const csf_flat *rec = p->summaries.v[i];
			const char *kind = csf_flat_str(rec, "kind");
			csf_buf_lit(b, "<tr><th>");
			if (kind && !strcmp(kind, "role"))
				html_buf_role(b, csf_flat_str(rec, "role") ? csf_flat_str(rec, "role") : "");
			else
				put_persona(b, csf_flat_str(rec, "persona") ? csf_flat_str(rec, "persona") : "");
			csf_buf_lit(b, "</th>");
			cell_num(b, rec, csf_flat_key("coverage"), 1);
			cell_num(b, rec, csf_flat_key("task_coverage"), 1);
			cell_num(b, rec, csf_flat_key("ks_coverage"), 1);
			cell_num(b, rec, csf_flat_key("mean"), 2);
			long long ans, items;
			csf_buf_lit(b, "<td class=\"num\">");
			if (csf_flat_int(rec, "answered", &ans) && csf_flat_int(rec, "items", &items)) {
				csf_buf_int(b, ans);
				csf_buf_putc(b, '/');
				csf_buf_int(b, items);
			}
			csf_buf_lit(b, "</td></tr>\n");
		}
		csf_buf_lit(b, "</tbody>\n</table></div>\n");
	}
	if (p->items.n + p->gaps.n > 0) {
		csf_buf_printf(b, "<h3>%s</h3>\n<figure>\n", L("levels"));
		csf_report_flat_bars_buf(b, p, 0);
		csf_buf_lit(b, "</figure>\n");
	}
	if (p->gaps.n > 0) {
		csf_buf_printf(b, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("gaps"), L("item"), L("class"), L("text"), L("current"), L("target"), L("gap"), L("severity"));
		for (size_t i = 0; i < p->gaps.n; i++) {
			const csf_flat *rec = p->gaps.v[i];
			const char *item = csf_flat_str(rec, "item");
			csf_buf_lit(b, "<tr><td class=\"id\">");
			csf_buf_html(b, item ? item : "");
			csf_buf_lit(b, "</td><td class=\"word\">");
			put_word(b, &classes, csf_flat_str(rec, "class"));
			csf_buf_lit(b, "</td><td>");
			if (item)
				html_put_item_text(b, item);
			double cur, target;
			int cur_kind = csf_flat_num(rec, "current", &cur);
			int band = cur_kind && csf_flat_num(rec, "target", &target) ? csf_band_of_level(cur, target) : CSF_BAND_NONE;
			csf_buf_lit(b, "</td><td class=\"num");
			csf_buf_puts(b, html_band_class(band));
			csf_buf_lit(b, "\">");
			if (cur_kind)
				html_buf_num(b, cur, cur_kind == CSF_FLAT_INT ? 0 : 1);
			csf_buf_lit(b, "</td>");
			cell_num(b, rec, csf_flat_key("target"), 0);
			cell_num(b, rec, csf_flat_key("gap"), 0);
			csf_buf_lit(b, "<td class=\"word\">");
			put_word(b, &severities, csf_flat_str(rec, "severity"));
			csf_buf_lit(b, "</td></tr>\n");
		}
		csf_buf_lit(b, "</tbody>\n</table></div>\n");
	}
	if (p->steps.n > 0 || p->plansum) {
		csf_buf_printf(b, "<h3>%s</h3>\n<ol class=\"plan\">\n", L("plan"));
		const char *closes = L("closes"), *raises = L("raises");
		for (size_t i = 0; i < p->steps.n; i++) {
			const csf_flat *rec = p->steps.v[i];
			csf_buf_lit(b, "<li><strong>");
			put_step_name(b, rec);
			csf_buf_lit(b, "</strong>");
			double hours;
			if (csf_flat_num(rec, "hours", &hours)) {
				csf_buf_lit(b, " (");
				put_hours(b, hours);
				csf_buf_lit(b, ")");
			}
			csf_iter it;
			if (array_nonempty(rec, csf_flat_key("closes"), &it)) {
				csf_buf_lit(b, "<br>");
				csf_buf_puts(b, closes);
				csf_buf_lit(b, ": ");
				put_items(b, it);
			}
			if (array_nonempty(rec, csf_flat_key("raises"), &it)) {
				csf_buf_lit(b, "<br>");
				csf_buf_puts(b, raises);
				csf_buf_lit(b, ": ");
				put_items(b, it);
			}
			put_reason(b, rec);
			csf_buf_lit(b, "</li>\n");
		}
		csf_buf_lit(b, "</ol>\n");
		const csf_flat *ps = p->plansum;
		if (ps) {
			double hours;
			long long closed, gaps;
			csf_buf_lit(b, "<p>");
			if (csf_flat_num(ps, "hours", &hours)) {
				csf_buf_printf(b, "%s: ", L("plan_total"));
				put_hours(b, hours);
			}
			if (csf_flat_int(ps, "closed", &closed) && csf_flat_int(ps, "gaps", &gaps))
				csf_buf_printf(b, "; %s: %lld/%lld", L("gaps_closed"), closed, gaps);
			csf_buf_lit(b, "</p>\n");
			csf_iter it;
			if (array_nonempty(ps, csf_flat_key("uncovered"), &it)) {
				csf_buf_printf(b, "<p>%s: ", L("uncovered"));
				put_uncovered(b, it);
				csf_buf_lit(b, "</p>\n");
			}
		}
	}
	csf_buf_lit(b, "</section>\n");
}
