/* render_html.c - one self-contained HTML file a manager reads: the
 * management model's result sheet (カルテ) per subject, the organisation's
 * heat map and single points of failure, each person's roles, scores, gaps
 * and plan, and a plain table for any other record. No script, no network:
 * styles are inline, charts are SVG drawn by render_svg.c, and a Content
 * Security Policy forbids the rest. Every string goes through csf_put_html. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "render/render.h"
#include "render/render_report.h"
#include "render/render_org.h"

static const char css[] =
"body{font-family:system-ui,\"Hiragino Sans\",\"Noto Sans CJK JP\",\"IPAGothic\",sans-serif;"
"margin:2em auto;max-width:70em;padding:0 1em;color:#222;line-height:1.5}\n"
"h1{border-bottom:3px solid #1565c0;padding-bottom:.2em}\n"
"h2{border-left:6px solid #1565c0;padding-left:.4em;margin-top:2em}\n"
".scroll{overflow-x:auto;max-width:100%}\n"
"table{border-collapse:collapse;margin:.5em 0 1em}\n"
"th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;white-space:pre-wrap;"
"overflow-wrap:anywhere;unicode-bidi:isolate}\n"
"thead th{background:#eef2f7}tbody th{text-align:left}\n"
"th{word-break:keep-all;overflow-wrap:normal;min-width:4em}\n"
"nav ol{columns:3 14em}\n"
"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
"td.id,td.group,td.word{white-space:nowrap;overflow-wrap:normal}\n"
".band-low{background:#f8c8d8}.band-mid{background:#fff2a8}\n"
".flag1{font-weight:bold}.flag2{font-weight:bold;color:#b71c1c}\n"
"tr.own th,tr.own td{font-weight:bold}\n"
"dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}\n"
"dl.facts dt{font-weight:bold}dl.facts dd{margin:0}\n"
".class{font-size:1.4em;font-weight:bold;color:#b71c1c}\n"
"section.overview{border:2px solid #1565c0;border-radius:6px;padding:0 1em 1em}\n"
"ol.hints li{margin-bottom:.6em}\n"
".muted{color:#666}.tips{font-size:.9em;color:#444}\n"
"ul.dirnames{columns:2 20em;font-size:.85em;color:#444}\n"
"details.group-items{margin:.3em 0}details.group-items>summary{cursor:pointer;font-weight:600}\n"
"figure{margin:1em 0}svg{max-width:100%;height:auto}\n"
"@media (max-width:600px){body{padding:0 .5em;margin:1em auto}dl.facts{grid-template-columns:auto}"
"nav ol{columns:1}}\n"
/* A4 paper: each person and each result sheet from a new page, nothing
 * folded, tables within the page width. */
"@page{size:A4;margin:12mm}\n"
"@media print{body{margin:0;max-width:none;font-size:9.5pt;line-height:1.35}"
"nav{display:none}.scroll{overflow:visible}"
"section.person,section.karte,section.other{break-before:page}"
"h2,h3{break-after:avoid}tr,figure,li{break-inside:avoid}"
"table{width:100%;font-size:8.5pt}th,td{padding:.1em .3em}"
"details::details-content{content-visibility:visible;display:block}"
"details>summary{list-style:none}"
"section.karte{font-size:8.5pt}section.karte h2{margin-top:0}section.karte figure{margin:.2em 0}"
"h1{font-size:15pt;margin:0 0 .3em}header p.muted{display:none}figcaption{display:none}"
"ul.dirnames{font-size:7pt;margin:.2em 0;line-height:1.2}.tips ul{columns:3;margin:0;padding-left:1em}.tips{font-size:6.5pt;line-height:1.2}"
"section.karte svg{max-height:62mm;width:auto}section.karte ol.hints li{margin-bottom:.2em}"
"section.karte h3{margin:.4em 0 .2em}header+section.karte,header+section.person{break-before:auto}}\n";

#define L csf_label

/* A record's value of a known field ("class", "severity", "by") in --lang. */
static const char *
field_word(const char *field, const char *value)
{
	return csf_label_value(field, value);
}

/* A label with one %s filled in, escaped. */
static void
put_labelf(FILE *f, const char *id, const char *arg)
{
	const char *fmt = L(id), *p = strstr(fmt, "%s");
	if (!p) {
		csf_put_html(f, fmt);
		return;
	}
	char *head = xmalloc((size_t)(p - fmt) + 1);
	memcpy(head, fmt, (size_t)(p - fmt));
	head[p - fmt] = '\0';
	csf_put_html(f, head);
	csf_put_html(f, arg);
	csf_put_html(f, p + 2);
	free(head);
}

static void
put_num(FILE *f, double x, int decimals)
{
	if (isnan(x))
		return;
	csf_put_fixed(f, x, decimals);
}

static const char *
band_class(int band)
{
	return band == CSF_BAND_LOW ? " band-low" : band == CSF_BAND_MID ? " band-mid" : "";
}

/* ---- a plain table of records, for anything without its own section ---- */
void
csf_report_table(FILE *f, const csf_group *g)
{
	size_t ncols = json_array_size(g->columns);
	fputs("<div class=\"scroll\"><table>\n<thead><tr>", f);
	for (size_t c = 0; c < ncols; c++) {
		fputs("<th>", f);
		csf_put_html(f, json_string_value(json_array_get(g->columns, c)));
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	size_t r;
	json_t *rec;
	json_array_foreach(g->records, r, rec) {
		fputs("<tr>", f);
		for (size_t c = 0; c < ncols; c++) {
			const char *path = json_string_value(json_array_get(g->columns, c));
			json_t *v = csf_path_get(rec, path);
			csf_cell cell;
			csf_cell_of(v, &cell);
			const char *band = band_class(csf_band_of(rec, path, v));
			if (cell.kind == CSF_CELL_NUMBER)
				fprintf(f, "<td class=\"num%s\">", band);
			else if (*band)
				fprintf(f, "<td class=\"%s\">", band + 1);
			else
				fputs("<td>", f);
			csf_put_html(f, cell.text);
			fputs("</td>", f);
			csf_cell_free(&cell);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n", f);
}

/* ---- the management model's result sheet ---- */

/* "4、5、6" (ja) or "4, 5 and 6" (en) from ["D4","D5","D6"]. */
static char *
directive_list(const json_t *ids)
{
	size_t n = json_array_size(ids), cap = 16, used = 0;
	char *s = xmalloc(cap);
	s[0] = '\0';
	int ja = !strcmp(csf_opt.lang, "ja");
	for (size_t i = 0; i < n; i++) {
		const char *t = json_string_value(json_array_get(ids, i));
		if (!t)
			continue;
		if (t[0] == 'D' && t[1])
			t++;
		const char *sep = !used ? "" : ja ? L("list_sep") : i + 1 == n ? " and " : ", ";
		size_t need = used + strlen(sep) + strlen(t) + 1;
		if (need > cap) {
			cap = 2 * need;
			s = xrealloc(s, cap);
		}
		used += (size_t)sprintf(s + used, "%s%s", sep, t);
	}
	return s;
}

/* A finding sentence from a "finding" hint's frame: {d} directives, {c} class. */
static void
put_finding(FILE *f, const char *hint_id, const json_t *ids, const char *cls)
{
	if (json_array_size(ids) == 0)
		return;
	json_t *h = csf_data_find("hint", hint_id);
	json_t *text = json_object_get(h, "text");
	const char *frame = NULL;
	if (!strcmp(csf_opt.lang, "en") && json_array_size(ids) > 1)
		frame = csf_str(text, "en_many");
	if (!frame)
		frame = csf_text(text);
	char *list = directive_list(ids);
	fputs("<li>", f);
	if (!*frame) {
		/* No model data: say it plainly. */
		csf_put_html(f, hint_id);
		fputs(": ", f);
		csf_put_html(f, list);
	}
	for (const char *p = frame; *p; ) {
		const char *brace = strchr(p, '{');
		if (!brace) {
			csf_put_html(f, p);
			break;
		}
		char *chunk = xmalloc((size_t)(brace - p) + 1);
		memcpy(chunk, p, (size_t)(brace - p));
		chunk[brace - p] = '\0';
		csf_put_html(f, chunk);
		free(chunk);
		if (!strncmp(brace, "{d}", 3)) {
			csf_put_html(f, list);
			p = brace + 3;
		} else if (!strncmp(brace, "{c}", 3)) {
			csf_put_html(f, cls ? cls : "");
			p = brace + 3;
		} else {
			csf_put_html(f, "{");
			p = brace + 1;
		}
	}
	fputs("</li>\n", f);
	free(list);
}

static void
karte_section(FILE *f, const struct csf_karte *k, const struct csf_axes *ax, int id)
{
	fprintf(f, "<section id=\"s%d\" class=\"karte\">\n<h2>", id);
	csf_put_html(f, L("karte"));
	fputs(": ", f);
	csf_put_html(f, k->subject);
	fputs("</h2>\n<dl class=\"facts\">\n", f);
	const char *industry = k->profile ? csf_str(k->profile, "industry") : NULL;
	if (!industry && k->maturity)
		industry = csf_str(k->maturity, "industry");
	if (industry) {
		fprintf(f, "<dt>%s</dt><dd title=\"", L("industry"));
		csf_put_html(f, industry);
		fputs("\">", f);
		const char *iname = csf_name_of("industry", industry);
		csf_put_html(f, *iname ? iname : industry);
		fputs("</dd>\n", f);
	}
	const char *cls = k->maturity ? csf_str(k->maturity, "class") : NULL;
	if (cls) {
		fprintf(f, "<dt>%s</dt><dd class=\"class\">", L("maturity"));
		csf_put_html(f, cls);
		fputs("</dd>\n", f);
	}
	json_t *idx = k->maturity ? json_object_get(k->maturity, "index") : NULL;
	if (json_is_number(idx)) {
		fprintf(f, "<dt>%s</dt><dd>", L("index"));
		put_num(f, json_number_value(idx), 2);
		const char *rule = csf_str(k->maturity, "rule");
		if (rule && !strcmp(rule, "inferred"))
			fprintf(f, " <span class=\"muted\">(%s: %s)</span>", L("rule"), L("rule_inferred"));
		fputs("</dd>\n", f);
	}
	/* 偏差値 within the cohort, with the cohort and its n always. */
	json_t *cohort = k->maturity ? json_object_get(k->maturity, "cohort") : NULL;
	if (json_is_object(cohort)) {
		json_t *dv = json_object_get(k->maturity, "deviation"), *n = json_object_get(cohort, "n");
		const char *by = csf_str(cohort, "by"), *grp = csf_str(cohort, "group");
		fprintf(f, "<dt>%s</dt><dd>", L("deviation"));
		if (json_is_number(dv))
			put_num(f, json_number_value(dv), 1);
		else
			csf_put_html(f, L("suppressed"));
		fprintf(f, " <span class=\"muted\">(%s ", L("cohort"));
		csf_put_html(f, by ? by : "");
		fputs("=", f);
		csf_put_html(f, grp ? grp : "");
		fprintf(f, ", n=%lld)</span></dd>\n", (long long)json_integer_value(n));
	}
	/* Which check set the answers are to: a later Guideline asks other questions. */
	const char *gen = k->maturity ? csf_str(k->maturity, "generation") : NULL;
	if (gen) {
		json_t *g = csf_data_find("generation", gen);
		fprintf(f, "<dt>%s</dt><dd>", L("generation"));
		csf_put_html(f, g ? csf_text(json_object_get(g, "name")) : gen);
		fputs("</dd>\n", f);
	}
	if (k->bench_set) {
		fprintf(f, "<dt>%s</dt><dd title=\"", L("benchmark"));
		csf_put_html(f, k->bench_set);
		fputs("\">", f);
		const char *btitle = csf_name_of("benchmark", k->bench_set);
		csf_put_html(f, *btitle ? btitle : k->bench_set);
		if (k->bench_version && *k->bench_version) {
			fputs(" (", f);
			csf_put_html(f, k->bench_version);
			fputs(")", f);
		}
		fputs("</dd>\n", f);
	}
	fputs("</dl>\n", f);

	/* The directive table: own means, benchmark rows, the gap row. */
	fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table class=\"directives\">\n<thead><tr><th></th>", L("dir_table"));
	for (size_t a = 0; a < ax->n; a++) {
		fputs("<th title=\"", f);
		csf_put_html(f, ax->names[a]);
		fputs("\">", f);
		put_labelf(f, "dir_short", ax->nos[a]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n<tr class=\"own\"><th>", f);
	csf_put_html(f, k->subject);
	fputs("</th>", f);
	for (size_t a = 0; a < ax->n; a++) {
		double v = k->own[a];
		fprintf(f, "<td class=\"num%s\">", isnan(v) ? "" : band_class(csf_band_of_mean(v)));
		put_num(f, v, 1);
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
	for (size_t b = 0; b < k->nbench; b++) {
		fputs("<tr><th>", f);
		if (k->bench[b].cls)
			put_labelf(f, "class_mean", k->bench[b].cls);
		else
			csf_put_html(f, L("overall"));
		fputs("</th>", f);
		for (size_t a = 0; a < ax->n; a++) {
			fputs("<td class=\"num\">", f);
			put_num(f, k->bench[b].v[a], 1);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	int has_dev = 0;
	for (size_t a = 0; a < ax->n; a++)
		has_dev |= !isnan(k->dev[a]);
	if (has_dev) {
		fprintf(f, "<tr class=\"deviation\"><th>%s</th>", L("deviation"));
		for (size_t a = 0; a < ax->n; a++) {
			fputs("<td class=\"num\">", f);
			put_num(f, k->dev[a], 1);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	if (k->has_gap) {
		fputs("<tr class=\"gap\"><th>", f);
		if (k->target && !strcmp(k->target, "5"))
			csf_put_html(f, L("gap_to_5"));
		else
			put_labelf(f, "gap_to", k->target ? k->target : "?");
		fputs("</th>", f);
		for (size_t a = 0; a < ax->n; a++) {
			fprintf(f, "<td class=\"num%s\">", k->flag[a] == 2 ? " flag2" : k->flag[a] == 1 ? " flag1" : "");
			put_num(f, k->gap[a], 1);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n<ul class=\"dirnames\">\n", f);
	for (size_t a = 0; a < ax->n; a++) {
		fputs("<li>", f);
		put_labelf(f, "dir_short", ax->nos[a]);
		fputs(" ", f);
		csf_put_html(f, ax->names[a]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);

	/* The radar: benchmark rows dashed, the subject solid on top. */
	fprintf(f, "<figure>\n");
	csf_report_radar(f, k, ax, 0);
	fprintf(f, "<figcaption>%s</figcaption>\n</figure>\n", L("radar"));

	if (k->gapsum) {
		const char *target = csf_str(k->gapsum, "target");
		fprintf(f, "<h3>%s</h3>\n<ul class=\"findings\">\n", L("findings"));
		if (target && !strcmp(target, "5")) {
			put_finding(f, "finding.level5", json_object_get(k->gapsum, "level5"), NULL);
			put_finding(f, "finding.level4", json_object_get(k->gapsum, "one_point"), NULL);
		} else {
			put_finding(f, "finding.one", json_object_get(k->gapsum, "one_point"), target);
			put_finding(f, "finding.two", json_object_get(k->gapsum, "two_points"), target);
		}
		fputs("</ul>\n", f);
	}

	size_t nh = json_array_size(k->hints);
	if (nh > 0) {
		json_t *first = json_array_get(k->hints, 0);
		fputs("<h3>", f);
		csf_put_html(f, csf_text(json_object_get(first, "heading")));
		fputs("</h3>\n<ol class=\"hints\">\n", f);
		size_t i;
		json_t *h;
		json_array_foreach(k->hints, i, h) {
			char n[24];
			snprintf(n, sizeof n, "%zu", i + 1);
			fputs("<li><strong>", f);
			put_labelf(f, "hint_n", n);
			fputs("</strong> ", f);
			csf_put_html(f, csf_text(json_object_get(h, "text")));
			json_t *tips = json_object_get(h, "tips");
			if (json_array_size(tips) > 0) {
				fprintf(f, "\n<div class=\"tips\">%s<ul>\n", L("tips"));
				size_t j;
				json_t *t;
				json_array_foreach(tips, j, t) {
					const char *tid = json_string_value(t);
					if (!tid)
						continue;
					json_t *tip = csf_data_find("tip", tid);
					fputs("<li>", f);
					csf_put_html(f, tid);
					const char *title = tip ? csf_text(json_object_get(tip, "title")) : "";
					if (*title) {
						fputs(": ", f);
						csf_put_html(f, title);
					}
					fputs("</li>\n", f);
				}
				fputs("</ul></div>", f);
			}
			fputs("</li>\n", f);
		}
		fputs("</ol>\n", f);
	}

	if (json_array_size(k->checks) > 0) {
		/* Who answered and on what, next to each answer, when any says. */
		int who = 0;
		size_t i;
		json_t *c;
		json_array_foreach(k->checks, i, c)
			who |= json_is_string(json_object_get(c, "assessor")) || json_is_string(json_object_get(c, "evidence"));
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th></th><th>%s</th>",
		    L("checks"), L("check"), L("answer"));
		if (who)
			fprintf(f, "<th>%s</th><th>%s</th>", L("assessor"), L("evidence"));
		fputs("</tr></thead>\n<tbody>\n", f);
		json_array_foreach(k->checks, i, c) {
			const char *item = csf_str(c, "item");
			json_t *check = csf_data_find("check", item);
			json_t *lv = json_object_get(c, "level");
			fputs("<tr><td>", f);
			csf_put_html(f, item ? item : "");
			fputs("</td><td>", f);
			csf_put_html(f, check ? csf_text(json_object_get(check, "text")) : "");
			fprintf(f, "</td><td class=\"num%s\">", band_class(csf_band_of(c, "level", lv)));
			if (json_is_number(lv))
				put_num(f, json_number_value(lv), 1);
			if (who) {
				const char *as = csf_str(c, "assessor"), *ev = csf_str(c, "evidence");
				fputs("</td><td>", f);
				csf_put_html(f, as ? as : "");
				fputs("</td><td>", f);
				csf_put_html(f, ev ? ev : "");
			}
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	fputs("</section>\n", f);
}

/* ---- the organisation: heat map, department figures, single points of failure ---- */

static const char *
item_text(const char *id)
{
	json_t *it = csf_data_item(id);
	return it ? csf_text(json_object_get(it, "text")) : "";
}

/* "R03 監視" for a role ID, the ID alone when the data lack it. */
static void
put_role(FILE *f, const char *id)
{
	json_t *role = csf_data_find("role", id);
	csf_put_html(f, id);
	const char *name = role ? csf_text(json_object_get(role, "name")) : "";
	if (*name) {
		fputs(" ", f);
		csf_put_html(f, name);
	}
}

static void
put_cell_num(FILE *f, const json_t *rec, const char *key, int decimals)
{
	json_t *v = json_object_get(rec, key);
	fputs("<td class=\"num\">", f);
	if (json_is_number(v))
		put_num(f, json_number_value(v), decimals);
	fputs("</td>", f);
}

/* A group's list at key ("spof": {item, holder} objects; "nobody": item
 * IDs) as a <details> block: summary "部署: 総務部 (21件)", then the items. */
static void
group_items(FILE *f, const struct csf_report *r, const char *key, int with_holder)
{
	size_t i, j;
	json_t *g, *e;
	int any = 0;
	json_array_foreach(r->groups, i, g)
		any |= json_array_size(json_object_get(g, key)) > 0;
	if (!any)
		return;
	fprintf(f, "<h3>%s</h3>\n", L(key));
	json_array_foreach(r->groups, i, g) {
		json_t *list = json_object_get(g, key);
		if (json_array_size(list) == 0)
			continue;
		char n[32];
		snprintf(n, sizeof n, "%zu", json_array_size(list));
		fputs("<details class=\"group-items\"><summary>", f);
		csf_put_html(f, field_word("by", csf_str(g, "by")));
		fputs(": ", f);
		csf_put_html(f, csf_str(g, "value") ? csf_str(g, "value") : "");
		fputs(" (", f);
		put_labelf(f, "n_items", n);
		fprintf(f, ")</summary>\n<div class=\"scroll\"><table class=\"%s\">\n<thead><tr><th>%s</th><th>%s</th>", key, L("item"), L("text"));
		if (with_holder)
			fprintf(f, "<th>%s</th>", L("holder"));
		fputs("</tr></thead>\n<tbody>\n", f);
		json_array_foreach(list, j, e) {
			const char *item = with_holder ? csf_str(e, "item") : json_string_value(e);
			fputs("<tr><td class=\"id\">", f);
			csf_put_html(f, item ? item : "");
			fputs("</td><td>", f);
			csf_put_html(f, item ? item_text(item) : "");
			fputs("</td>", f);
			if (with_holder) {
				const char *holder = csf_str(e, "holder");
				fputs("<td>", f);
				csf_put_html(f, holder ? holder : "");
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n</details>\n", f);
	}
}

static void
org_section(FILE *f, const struct csf_report *r, int id)
{
	const struct csf_heat *h = &r->heat;
	fprintf(f, "<section id=\"s%d\" class=\"org\">\n<h2>%s</h2>\n", id, L("org"));
	if (h->nrows > 0 && h->ncols > 0) {
		/* The heat map as a table: readable, searchable, printable. */
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table class=\"heat\">\n<thead><tr><th></th>", L("heat_title"));
		for (size_t c = 0; c < h->ncols; c++) {
			fputs("<th>", f);
			csf_put_html(f, h->cols[c]);
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t row = 0; row < h->nrows; row++) {
			fputs("<tr><th>", f);
			csf_put_html(f, h->rows[row]);
			fputs("</th>", f);
			for (size_t c = 0; c < h->ncols; c++) {
				double v = h->v[row * h->ncols + c];
				if (isnan(v)) {
					fputs("<td></td>", f);
					continue;
				}
				char colour[8];
				csf_svg_scale_colour(v, 0, 100, colour);
				fprintf(f, "<td class=\"num\" style=\"background:%s\" title=\"n=%d\">", colour,
				    h->n[row * h->ncols + c]);
				put_num(f, v, 0);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fprintf(f, "</tbody>\n</table></div>\n<p class=\"muted\">%s</p>\n", L("heat_note"));
	}
	/* Group figures of csf-gap --by, one table per grouping field. */
	json_t *fields = json_object();
	size_t i;
	json_t *g;
	json_array_foreach(r->groups, i, g)
		json_object_set_new(fields, csf_str(g, "by"), json_true());
	const char *by;
	json_t *unused;
	json_object_foreach(fields, by, unused) {
		fputs("<h3>", f);
		put_labelf(f, "by_n", field_word("by", by));
		fprintf(f, "</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("group"), L("people"), L("mean"), L("coverage"), L("task_cov"), L("ks_cov"));
		json_array_foreach(r->groups, i, g) {
			if (strcmp(csf_str(g, "by"), by))
				continue;
			const char *value = csf_str(g, "value");
			fputs("<tr><th>", f);
			if (value && !strcmp(by, "role"))
				put_role(f, value);
			else
				csf_put_html(f, value ? value : "");
			fputs("</th>", f);
			put_cell_num(f, g, "n", 0);
			put_cell_num(f, g, "mean", 2);
			put_cell_num(f, g, "share_at_target", 1);
			put_cell_num(f, g, "task_coverage", 1);
			put_cell_num(f, g, "ks_coverage", 1);
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	/* Single points of failure and items nobody holds: one folded table
	 * per group, so a large organisation reads as one line a department. */
	group_items(f, r, "spof", 1);
	group_items(f, r, "nobody", 0);
	json_decref(fields);
	fputs("</section>\n", f);
}

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
			put_role(f, json_string_value(v));
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
			put_role(f, json_string_value(x));
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
		csf_put_html(f, item_text(json_string_value(x)));
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
	put_labelf(f, json_number_value(hours) == 1 ? "hour_1" : "hours_n", n);
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

/* csf-plan's reason "largest open gap: T015 (0 -> 3)" (or the Japanese
 * form) said again in --lang; any other reason is shown as written. */
static void
put_reason(FILE *f, const char *reason)
{
	static const char *const forms[] = {
		"largest open gap: %15[A-Za-z0-9-] (%d -> %d)%n",
		"未解消で最大のギャップ %15[A-Za-z0-9-] (%d→%d)%n",
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		char id[16], arg[64];
		int cur, tgt, end = -1;
		if (sscanf(reason, forms[i], id, &cur, &tgt, &end) != 3 || end < 0 ||
		    reason[end] != '\0')
			continue;
		snprintf(arg, sizeof arg, "%s (%d%s%d)", id, cur,
		    strcmp(csf_opt.lang, "ja") ? " -> " : "→", tgt);
		put_labelf(f, "reason_gap", arg);
		return;
	}
	csf_put_html(f, reason);
}

/* A person's section after its opening tag: the tag carries the section's
 * number, known only once the whole input is read. */
static void
person_body(FILE *f, const struct csf_person *p)
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
				put_role(f, csf_str(rec, "role") ? csf_str(rec, "role") : "");
			else
				put_persona(f, csf_str(rec, "persona") ? csf_str(rec, "persona") : "");
			fputs("</th>", f);
			put_cell_num(f, rec, "coverage", 1);
			put_cell_num(f, rec, "task_coverage", 1);
			put_cell_num(f, rec, "ks_coverage", 1);
			put_cell_num(f, rec, "mean", 2);
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
			csf_put_html(f, field_word("class", csf_str(rec, "class")));
			fputs("</td><td>", f);
			csf_put_html(f, item ? item_text(item) : "");
			json_t *cur = json_object_get(rec, "current");
			fprintf(f, "</td><td class=\"num%s\">", band_class(csf_band_of(rec, "current", cur)));
			if (json_is_number(cur))
				put_num(f, json_number_value(cur), json_is_integer(cur) ? 0 : 1);
			fputs("</td>", f);
			put_cell_num(f, rec, "target", 0);
			put_cell_num(f, rec, "gap", 0);
			fputs("<td class=\"word\">", f);
			csf_put_html(f, field_word("severity", csf_str(rec, "severity")));
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
			if (csf_str(rec, "reason")) {
				fputs("<br><span class=\"muted\">", f);
				put_reason(f, csf_str(rec, "reason"));
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

/* ---- the document ---- */

/* The people of a report, in report order: their subjects for the table of
 * contents and a writer of each one's section body. */
struct people {
	size_t n;
	const char *(*subject)(void *ctx, size_t i);
	void (*body)(void *ctx, size_t i, FILE *f);
	void *ctx;
};

/* The summary a manager reads first. */
static void
overview_section(FILE *f, const struct csf_report *rep, const struct csf_overview *ov)
{
	fprintf(f, "<section class=\"overview\">\n<h2>%s</h2>\n<dl class=\"facts\">\n", L("overview"));
	if (ov->org) {
		fprintf(f, "<dt>%s</dt><dd>", L("organisation"));
		csf_put_html(f, ov->org);
		fputs("</dd>\n", f);
	}
	fprintf(f, "<dt>%s</dt><dd>%s%s%s</dd>\n", L("data_date"), ov->date, ov->date_from_data ? "" : " ",
	    ov->date_from_data ? "" : L("today"));
	if (ov->people > 0) {
		char n[32];
		snprintf(n, sizeof n, "%zu", ov->people);
		fprintf(f, "<dt>%s</dt><dd>", L("people_assessed"));
		put_labelf(f, ov->people == 1 ? "n_people_1" : "n_people", n);
		fputs("</dd>\n", f);
	}
	if (ov->items > 0)
		fprintf(f, "<dt>%s</dt><dd>%.1f%% (%ld/%ld)</dd>\n", L("coverage_total"),
		    100.0 * (double)ov->at_target / (double)ov->items, ov->at_target, ov->items);
	if (json_array_size(rep->groups) > 0) {
		char n[32];
		snprintf(n, sizeof n, "%zu", ov->nspof);
		fprintf(f, "<dt>%s</dt><dd>", L("spof_short"));
		put_labelf(f, "n_items", n);
		fputs("</dd>\n", f);
	}
	if (ov->ngaps > 0) {
		fprintf(f, "<dt>%s</dt><dd><ol>\n", L("largest_gaps"));
		for (size_t i = 0; i < ov->ngaps && i < 5; i++) {
			char n[32];
			snprintf(n, sizeof n, "%zu", ov->gaps[i].people);
			fputs("<li>", f);
			csf_put_html(f, ov->gaps[i].item);
			fputs(" ", f);
			csf_put_html(f, csf_name_of("item", ov->gaps[i].item));
			fputs(" (", f);
			put_labelf(f, ov->gaps[i].people == 1 ? "n_people_1" : "n_people", n);
			fputs(")</li>\n", f);
		}
		fputs("</ol></dd>\n", f);
	}
	fputs("</dl>\n", f);
	/* The management model: each organisation's class, and the first two hints. */
	for (size_t k = 0; k < rep->nkarte; k++) {
		const struct csf_karte *kt = &rep->karte[k];
		const char *cls = kt->maturity ? csf_str(kt->maturity, "class") : NULL;
		fputs("<p><strong>", f);
		csf_put_html(f, kt->subject);
		fprintf(f, "</strong>: %s <span class=\"class\">", L("maturity"));
		csf_put_html(f, cls ? cls : "-");
		fputs("</span></p>\n", f);
		size_t nh = json_array_size(kt->hints);
		if (nh > 0 && rep->nkarte <= 3) {
			fputs("<ol class=\"hints\">\n", f);
			for (size_t h = 0; h < nh && h < 2; h++) {
				fputs("<li>", f);
				csf_put_html(f, csf_text(json_object_get(json_array_get(kt->hints, h), "text")));
				fputs("</li>\n", f);
			}
			fputs("</ol>\n", f);
		}
	}
	fputs("</section>\n", f);
}

static void
render_document(FILE *f, const struct csf_render_opts *o, const struct csf_report *rep,
    size_t count, const struct people *pp, const struct csf_overview *ov)
{
	const char *title = o->title ? o->title : L("title");

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", csf_opt.lang);
	/* Nothing may load or run: the report is data only. */
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'; img-src data:\">\n", f);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", f);
	fputs("<meta name=\"generator\" content=\"csf-render\">\n<title>", f);
	csf_put_html(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
	csf_put_html(f, title);
	fprintf(f, "</h1>\n<p class=\"muted\">%s: %zu</p>\n</header>\n", L("records"), count);
	/* One company's sheet alone is its own summary: class and hints open it. */
	if (!(rep->nkarte == 1 && pp->n == 0 && rep->heat.nrows == 0 && json_array_size(rep->groups) == 0))
		overview_section(f, rep, ov);
	if (o->links && json_array_size(o->links) > 0) {
		/* --split's index: a link to each person's own report. */
		fprintf(f, "<section class=\"people\">\n<h2>%s</h2>\n<ol>\n", L("person"));
		size_t i;
		json_t *l;
		json_array_foreach((json_t *)o->links, i, l) {
			const char *subject = json_string_value(json_array_get(l, 0));
			const char *name = json_string_value(json_array_get(l, 1));
			fputs("<li><a href=\"", f);
			csf_put_html(f, json_string_value(json_array_get(l, 2)));
			fputs("\">", f);
			csf_put_html(f, name && *name ? name : subject);
			if (name && *name) {
				fputs(" (", f);
				csf_put_html(f, subject);
				fputs(")", f);
			}
			fputs("</a></li>\n", f);
		}
		fputs("</ol>\n</section>\n", f);
	}
	size_t npeople = o->summary ? 0 : pp->n;

	int id = 0;
	int has_org = rep->heat.nrows > 0 || json_array_size(rep->groups) > 0;
	size_t nsections = (size_t)has_org + rep->nkarte + npeople + (rep->nrest > 0 && !o->summary);
	if (nsections > 1) {
		fprintf(f, "<nav>\n<h2>%s</h2>\n<ol>\n", L("contents"));
		if (has_org)
			fprintf(f, "<li><a href=\"#s%d\">%s</a></li>\n", ++id, L("org"));
		for (size_t i = 0; i < rep->nkarte; i++) {
			fprintf(f, "<li><a href=\"#s%d\">%s: ", ++id, L("karte"));
			csf_put_html(f, rep->karte[i].subject);
			fputs("</a></li>\n", f);
		}
		for (size_t i = 0; i < npeople; i++) {
			fprintf(f, "<li><a href=\"#s%d\">%s: ", ++id, L("person"));
			csf_put_html(f, pp->subject(pp->ctx, i));
			fputs("</a></li>\n", f);
		}
		if (rep->nrest > 0 && !o->summary)
			fprintf(f, "<li><a href=\"#s%d\">%s</a></li>\n", ++id, L("other"));
		fputs("</ol>\n</nav>\n", f);
		id = 0;
	}
	if (has_org)
		org_section(f, rep, ++id);
	csf_org_html_doc(f, rep->rest);   /* the organisation model's matrix and findings */
	for (size_t i = 0; i < rep->nkarte; i++)
		karte_section(f, &rep->karte[i], &rep->axes, ++id);
	for (size_t i = 0; i < npeople; i++) {
		fprintf(f, "<section id=\"s%d\" class=\"person\">\n", ++id);
		pp->body(pp->ctx, i, f);
	}
	if (rep->nrest > 0 && !o->summary) {
		fprintf(f, "<section id=\"s%d\">\n<h2>%s</h2>\n", ++id, L("other"));
		for (size_t i = 0; i < rep->rest->ngroups; i++) {
			const csf_group *g = &rep->rest->groups[i];
			fputs("<h3>", f);
			csf_put_html(f, *g->type ? g->type : "-");
			fprintf(f, " (%zu)</h3>\n", json_array_size(g->records));
			csf_report_table(f, g);
		}
		fputs("</section>\n", f);
	}
	if (count == 0)
		fprintf(f, "<p>%s</p>\n", L("none"));
	fputs("</body>\n</html>\n", f);
}

static const char *
held_subject(void *ctx, size_t i)
{
	return csf_person_name(&((struct csf_report *)ctx)->person[i]);
}

static void
held_body(void *ctx, size_t i, FILE *f)
{
	person_body(f, &((struct csf_report *)ctx)->person[i]);
}

int
csf_render_html(const csf_doc *d, FILE *f, const struct csf_render_opts *o)
{
	struct csf_report *rep = csf_report_build(d);
	struct people pp = { rep->nperson, held_subject, held_body, rep };
	struct csf_overview ov;
	csf_overview_init(&ov);
	for (size_t g = 0; g < d->ngroups; g++) {
		size_t i;
		json_t *rec;
		json_array_foreach(d->groups[g].records, i, rec)
			csf_overview_record(&ov, d->groups[g].type, rec);
	}
	for (size_t i = 0; i < rep->nperson; i++)
		csf_overview_person(&ov, &rep->person[i]);
	csf_overview_finish(&ov, rep);
	render_document(f, o, rep, csf_doc_count(d), &pp, &ov);
	csf_overview_free(&ov);
	csf_report_free(rep);
	return 0;
}

/* ---- the document, streamed ----
 * Records arrive grouped by subject. Each person's section is written to a
 * temporary file when the next person starts; what is kept is the person's
 * subject, place in the report and heat-map figures. Records no person
 * section shows (result sheets, group figures, anything else) are held as
 * before. Every record is also spooled to a second temporary file: when a
 * person's records come back after the next person started, the report is
 * built from the spool the way the held report is, so the output never
 * depends on the input being grouped. */

struct streamed {
	char *subject;
	char *name;         /* as the reader knows them */
	size_t rank, seq;   /* type of the first record, and its number: the held report's order */
	off_t off, len;     /* the section body in the sections file */
	int has_profile;
	struct csf_heat_src heat;
};

struct csf_html_stream {
	FILE *spool, *sections;
	csf_doc *all;              /* no temporary files: every record held */
	int fallback;
	size_t count;
	csf_doc *held;             /* groups made in first-seen type order */
	json_t *people;            /* subject -> index in done */
	struct streamed *done;
	size_t ndone, cap;
	struct csf_person cur;     /* the last of done, while active */
	json_t *cur_refs;
	int active;
	json_t *pending;           /* subject -> its first profile, before its person */
	json_t *kartes;            /* subjects of result-sheet records */
	struct csf_overview ov;    /* the summary, gathered as people pass */
};

csf_html_stream *
csf_html_stream_new(void)
{
	csf_html_stream *s = xcalloc(1, sizeof *s);
	s->spool = tmpfile();
	s->sections = tmpfile();
	if (!s->spool || !s->sections) {
		if (s->spool)
			fclose(s->spool);
		if (s->sections)
			fclose(s->sections);
		s->spool = s->sections = NULL;
		s->all = csf_doc_new();
		return s;
	}
	setvbuf(s->spool, NULL, _IOFBF, 1 << 18);
	setvbuf(s->sections, NULL, _IOFBF, 1 << 18);
	s->held = csf_doc_new();
	csf_overview_init(&s->ov);
	s->people = json_object();
	s->pending = json_object();
	s->kartes = json_object();
	return s;
}

static void
person_drop(csf_html_stream *s)
{
	if (!s->active)
		return;
	json_decref(s->cur.summaries);
	json_decref(s->cur.items);
	json_decref(s->cur.gaps);
	json_decref(s->cur.steps);
	json_decref(s->cur_refs);
	s->active = 0;
}

static void
person_flush(csf_html_stream *s)
{
	if (!s->active)
		return;
	struct streamed *p = &s->done[s->ndone - 1];
	p->off = ftello(s->sections);
	csf_overview_person(&s->ov, &s->cur);
	free(p->name);
	p->name = xstrdup(csf_person_name(&s->cur));
	person_body(s->sections, &s->cur);
	p->len = ftello(s->sections) - p->off;
	csf_heat_src_of(&p->heat, &s->cur, 1);
	person_drop(s);
}

static void
person_start(csf_html_stream *s, const char *subject, size_t rank)
{
	if (s->ndone == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->done = xrealloc(s->done, s->cap * sizeof *s->done);
	}
	struct streamed *p = &s->done[s->ndone];
	memset(p, 0, sizeof *p);
	p->subject = xstrdup(subject);
	p->rank = rank;
	p->seq = s->count;
	json_object_set_new(s->people, subject, json_integer((json_int_t)s->ndone++));
	memset(&s->cur, 0, sizeof s->cur);
	s->cur.subject = p->subject;
	s->cur.summaries = json_array();
	s->cur.items = json_array();
	s->cur.gaps = json_array();
	s->cur.steps = json_array();
	s->cur_refs = json_array();
	s->active = 1;
	/* A profile that came first is the person's: no longer held. */
	json_t *prof = json_object_get(s->pending, p->subject);
	if (prof) {
		json_array_append(s->cur_refs, prof);
		s->cur.profile = prof;
		p->has_profile = 1;
		json_t *arr = csf_doc_group(s->held, "profile")->records;
		for (size_t i = json_array_size(arr); i-- > 0; )
			if (json_array_get(arr, i) == prof) {
				json_array_remove(arr, i);
				break;
			}
		json_object_del(s->pending, p->subject);
	}
}

/* Stop streaming: the report will be built from the spool. */
static void
fall_back(csf_html_stream *s)
{
	s->fallback = 1;
	person_drop(s);
	csf_doc_free(s->held);
	s->held = NULL;
	json_object_clear(s->pending);
}

void
csf_html_stream_add(csf_html_stream *s, const char *type, json_t *rec, const char *text, size_t len)
{
	s->count++;
	if (s->all) {
		csf_doc_add(s->all, type, rec);
		return;
	}
	size_t tlen = strlen(type);
	fwrite(&tlen, sizeof tlen, 1, s->spool);
	fwrite(type, 1, tlen, s->spool);
	fwrite(&len, sizeof len, 1, s->spool);
	fwrite(text, 1, len, s->spool);
	if (s->fallback) {
		json_decref(rec);
		return;
	}
	csf_overview_record(&s->ov, type, rec);
	csf_group *g = csf_doc_touch(s->held, type);
	size_t rank = (size_t)(g - s->held->groups);
	const char *subject = csf_str(rec, "subject");
	if (subject && csf_report_is_karte(type, rec)) {
		/* A subject with both a sheet and a person section shares its
		 * profile between them: rare, and left to the held report. */
		json_object_set_new(s->kartes, subject, json_true());
		if (json_object_get(s->people, subject))
			goto fall;
	} else if (subject && csf_report_is_person(type, rec)) {
		if (json_object_get(s->kartes, subject))
			goto fall;
		if (!s->active || strcmp(s->cur.subject, subject)) {
			if (json_object_get(s->people, subject))
				goto fall;   /* came back: the input is not grouped */
			person_flush(s);
			person_start(s, subject, rank);
		}
		csf_report_person_add(&s->cur, type, rec);
		json_array_append_new(s->cur_refs, rec);
		struct streamed *p = &s->done[s->ndone - 1];
		if (rank < p->rank) {
			p->rank = rank;
			p->seq = s->count;
		}
		return;
	} else if (subject && !strcmp(type, "profile")) {
		/* A subject's first profile is its person's; later ones are
		 * shown with the other records. */
		json_t *ix = json_object_get(s->people, subject);
		if (ix) {
			size_t i = (size_t)json_integer_value(ix);
			if (!s->done[i].has_profile) {
				if (!s->active || i + 1 != s->ndone)
					goto fall;
				s->cur.profile = rec;
				s->done[i].has_profile = 1;
				json_array_append_new(s->cur_refs, rec);
				return;
			}
		} else if (!json_object_get(s->pending, subject))
			json_object_set(s->pending, subject, rec);
	}
	json_array_append_new(g->records, rec);
	return;
fall:
	json_decref(rec);
	fall_back(s);
}

static csf_doc *
spool_read(FILE *spool)
{
	csf_doc *d = csf_doc_new();
	rewind(spool);
	size_t tlen, len;
	char *type = NULL;
	while (fread(&tlen, sizeof tlen, 1, spool) == 1) {
		/* We wrote the spool: lengths are at most a line's. */
		if (tlen > CSF_LINE_MAX)
			break;
		type = xrealloc(type, tlen + 1);
		if (fread(type, 1, tlen, spool) != tlen || fread(&len, sizeof len, 1, spool) != 1 || len > CSF_LINE_MAX)
			break;
		type[tlen] = '\0';
		char *text = xmalloc(len + 1);
		if (fread(text, 1, len, spool) != len) {
			free(text);
			break;
		}
		text[len] = '\0';
		csf_doc_add(d, type, csf_build_json(text, len));
		free(text);
	}
	free(type);
	return d;
}

static int
by_place(const void *a, const void *b)
{
	const struct streamed *x = *(struct streamed *const *)a, *y = *(struct streamed *const *)b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

struct streamed_people {
	struct streamed **order;
	FILE *sections;
};

static const char *
streamed_subject(void *ctx, size_t i)
{
	const struct streamed *p = ((struct streamed_people *)ctx)->order[i];
	return p->name ? p->name : p->subject;
}

static void
streamed_body(void *ctx, size_t i, FILE *f)
{
	struct streamed_people *sp = ctx;
	const struct streamed *p = sp->order[i];
	char buf[65536];
	fseeko(sp->sections, p->off, SEEK_SET);
	for (off_t left = p->len; left > 0; ) {
		size_t want = left < (off_t)sizeof buf ? (size_t)left : sizeof buf;
		size_t got = fread(buf, 1, want, sp->sections);
		if (got == 0)
			break;
		fwrite(buf, 1, got, f);
		left -= (off_t)got;
	}
}

int
csf_html_stream_end(csf_html_stream *s, FILE *f, const struct csf_render_opts *o)
{
	int status = 0;
	if (s->all) {
		status = csf_render_html(s->all, f, o);
		csf_doc_free(s->all);
		free(s);
		return status;
	}
	struct csf_report *rep = NULL;
	if (!s->fallback) {
		person_flush(s);
		rep = csf_report_build(s->held);
		for (size_t k = 0; k < rep->nkarte && !s->fallback; k++)
			if (json_object_get(s->people, rep->karte[k].subject)) {
				csf_report_free(rep);
				rep = NULL;
				fall_back(s);
			}
	}
	if (fflush(s->spool) || ferror(s->spool) || fflush(s->sections) || ferror(s->sections)) {
		csf_warn("temporary file: %s", csf_strerror(errno));
		status = 1;
	} else if (s->fallback) {
		csf_doc *d = spool_read(s->spool);
		status = csf_render_html(d, f, o);
		csf_doc_free(d);
	} else {
		struct streamed **order = xcalloc(s->ndone + 1, sizeof *order);
		for (size_t i = 0; i < s->ndone; i++)
			order[i] = &s->done[i];
		qsort(order, s->ndone, sizeof *order, by_place);
		struct csf_heat_src *src = xcalloc(s->ndone + 1, sizeof *src);
		for (size_t i = 0; i < s->ndone; i++)
			src[i] = order[i]->heat;
		csf_heat_free(&rep->heat);
		csf_heat_build(&rep->heat, src, s->ndone);
		free(src);
		struct streamed_people sp = { order, s->sections };
		struct people pp = { s->ndone, streamed_subject, streamed_body, &sp };
		csf_overview_finish(&s->ov, rep);
		render_document(f, o, rep, s->count, &pp, &s->ov);
		if (ferror(s->sections)) {
			csf_warn("temporary file: read failed");
			status = 1;
		}
		free(order);
	}
	csf_report_free(rep);
	csf_overview_free(&s->ov);
	for (size_t i = 0; i < s->ndone; i++) {
		free(s->done[i].name);
		free(s->done[i].subject);
		csf_heat_src_free(&s->done[i].heat, 1);
	}
	free(s->done);
	person_drop(s);
	csf_doc_free(s->held);
	json_decref(s->people);
	json_decref(s->pending);
	json_decref(s->kartes);
	fclose(s->spool);
	fclose(s->sections);
	free(s);
	return status;
}
