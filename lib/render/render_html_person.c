/* render_html_person.c - a person: profile with role and persona names,
 * progress per role, levels against targets (a chart), gaps and the
 * learning plan with its reasons said in --lang. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

static void
put_items(FILE *f, const json_t *ids)
{
	size_t i;
	json_t *x;
	json_array_foreach((json_t *)ids, i, x) {
		if (!json_is_string(x))
			continue;
		if (i > 0)
			fputs(", ", f);
		fputs("<span title=\"", f);
		csf_put_html(f, html_item_text(json_string_value(x)));
		fputs("\">", f);
		csf_put_html(f, json_string_value(x));
		fputs("</span>", f);
	}
}

/* "80時間" / "80 hours". */
static void
put_hours(FILE *f, const json_t *hours)
{
	char n[32];
	snprintf(n, sizeof n, "%g", json_number_value(hours));
	html_labelf(f, json_number_value(hours) == 1 ? "hour_1" : "hours_n", n);
}

/* A plan step's resource named in --lang from the data; the record's own
 * name (in the language csf-plan ran in) when the data lack it. */
static const char *
step_name(const json_t *step)
{
	const char *rid = csf_str(step, "resource"), *name = csf_str(step, "name");
	json_t *res = rid ? csf_data_find("resource", rid) : NULL;
	const char *own = res ? csf_text(json_object_get(res, "name")) : "";
	return *own ? own : name ? name : rid ? rid : "";
}

/* csf-plan's reason, a sentence in either language or {item, from, to,
 * why}, said in --lang by the label table. */
static void
put_reason(FILE *f, const json_t *reason)
{
	char *text = csf_reason_text(reason);
	csf_put_html(f, text);
	free(text);
}

/* A person's section after its opening tag: the tag carries the section's
 * number, known only once the whole input is read. */
void
html_person_body(FILE *f, const struct csf_person *p)
{
	fprintf(f, "<h2>%s: ", L("person"));
	csf_put_html(f, csf_person_name(p));
	if (strcmp(csf_person_name(p), p->subject)) {
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
	size_t i;
	json_t *rec;
	if (json_array_size(p->summaries) > 0) {
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("summary"), L("roles"), L("coverage"), L("task_cov"), L("ks_cov"), L("mean"), L("answered"));
		json_array_foreach(p->summaries, i, rec) {
			fputs("<tr><th>", f);
			if (!strcmp(csf_str(rec, "kind"), "role"))
				html_role(f, csf_str(rec, "role") ? csf_str(rec, "role") : "");
			else
				put_persona(f, csf_str(rec, "persona") ? csf_str(rec, "persona") : "");
			fputs("</th>", f);
			html_cell_num(f, rec, "coverage", 1);
			html_cell_num(f, rec, "task_coverage", 1);
			html_cell_num(f, rec, "ks_coverage", 1);
			html_cell_num(f, rec, "mean", 2);
			json_t *ans = json_object_get(rec, "answered"), *items = json_object_get(rec, "items");
			fputs("<td class=\"num\">", f);
			if (json_is_integer(ans) && json_is_integer(items))
				fprintf(f, "%" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT,
				    json_integer_value(ans), json_integer_value(items));
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	if (json_array_size(p->items) + json_array_size(p->gaps) > 0) {
		fprintf(f, "<h3>%s</h3>\n<figure>\n", L("levels"));
		csf_report_bars(f, p, 0);
		fputs("</figure>\n", f);
	}
	if (json_array_size(p->gaps) > 0) {
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("gaps"), L("item"), L("class"), L("text"), L("current"), L("target"), L("gap"), L("severity"));
		json_array_foreach(p->gaps, i, rec) {
			const char *item = csf_str(rec, "item");
			fputs("<tr><td class=\"id\">", f);
			csf_put_html(f, item ? item : "");
			fputs("</td><td class=\"word\">", f);
			csf_put_html(f, html_field_word("class", csf_str(rec, "class")));
			fputs("</td><td>", f);
			csf_put_html(f, item ? html_item_text(item) : "");
			json_t *cur = json_object_get(rec, "current");
			fprintf(f, "</td><td class=\"num%s\">", html_band_class(csf_band_of(rec, "current", cur)));
			if (json_is_number(cur))
				html_num(f, json_number_value(cur), json_is_integer(cur) ? 0 : 1);
			fputs("</td>", f);
			html_cell_num(f, rec, "target", 0);
			html_cell_num(f, rec, "gap", 0);
			fputs("<td class=\"word\">", f);
			csf_put_html(f, html_field_word("severity", csf_str(rec, "severity")));
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	if (json_array_size(p->steps) > 0 || p->plansum) {
		fprintf(f, "<h3>%s</h3>\n<ol class=\"plan\">\n", L("plan"));
		json_array_foreach(p->steps, i, rec) {
			fputs("<li><strong>", f);
			csf_put_html(f, step_name(rec));
			fputs("</strong>", f);
			json_t *hours = json_object_get(rec, "hours");
			if (json_is_number(hours)) {
				fputs(" (", f);
				put_hours(f, hours);
				fputs(")", f);
			}
			if (json_array_size(json_object_get(rec, "closes")) > 0) {
				fprintf(f, "<br>%s: ", L("closes"));
				put_items(f, json_object_get(rec, "closes"));
			}
			if (json_array_size(json_object_get(rec, "raises")) > 0) {
				fprintf(f, "<br>%s: ", L("raises"));
				put_items(f, json_object_get(rec, "raises"));
			}
			json_t *reason = json_object_get(rec, "reason");
			if (json_is_string(reason) || json_is_object(reason)) {
				fputs("<br><span class=\"muted\">", f);
				put_reason(f, reason);
				fputs("</span>", f);
			}
			fputs("</li>\n", f);
		}
		fputs("</ol>\n", f);
		const json_t *ps = p->plansum;
		if (ps) {
			json_t *hours = json_object_get(ps, "hours");
			json_t *closed = json_object_get(ps, "closed"), *gaps = json_object_get(ps, "gaps");
			fputs("<p>", f);
			if (json_is_number(hours)) {
				fprintf(f, "%s: ", L("plan_total"));
				put_hours(f, hours);
			}
			if (json_is_integer(closed) && json_is_integer(gaps))
				fprintf(f, "; %s: %" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT, L("gaps_closed"),
				    json_integer_value(closed), json_integer_value(gaps));
			fputs("</p>\n", f);
			json_t *unc = json_object_get(ps, "uncovered");
			if (json_array_size(unc) > 0) {
				fprintf(f, "<p>%s: ", L("uncovered"));
				json_t *ids = json_array();
				json_array_foreach(unc, i, rec)
					if (csf_str(rec, "item"))
						json_array_append_new(ids, json_string(csf_str(rec, "item")));
				put_items(f, ids);
				json_decref(ids);
				fputs("</p>\n", f);
			}
		}
	}
	fputs("</section>\n", f);
}

