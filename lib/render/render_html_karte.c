/* render_html_karte.c - the management model's result sheet (カルテ) of
 * one subject: facts, the directive table against the benchmark's class
 * means, the directives' names, the radar, findings, hints with their Tips
 * and the answers per check item, nothing folded. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_html.h"

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

void
html_karte_section(FILE *f, const struct csf_karte *k, const struct csf_axes *ax, int id)
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
		html_num(f, json_number_value(idx), 2);
		const char *rule = csf_str(k->maturity, "rule");
		if (rule && !strcmp(rule, "inferred"))
			fprintf(f, " <span class=\"muted\">(%s: %s)</span>", L("rule"), L("rule_inferred"));
		fputs("</dd>\n", f);
	}
	/* 偏差値 within the cohort, with the cohort and its n always. */
	char *cohort = csf_karte_cohort(k);
	if (cohort) {
		json_t *dv = json_object_get(k->maturity, "deviation");
		fprintf(f, "<dt>%s</dt><dd>", L("deviation"));
		if (json_is_number(dv))
			html_num(f, json_number_value(dv), 1);
		else
			csf_put_html(f, L("suppressed"));
		fputs(" <span class=\"muted\">(", f);
		csf_put_html(f, cohort);
		fputs(")</span></dd>\n", f);
		free(cohort);
	}
	/* Which check set the answers are to: a later Guideline asks other questions. */
	const char *gen = csf_karte_generation(k);
	if (gen) {
		fprintf(f, "<dt>%s</dt><dd>", L("generation"));
		csf_put_html(f, gen);
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
		html_labelf(f, "dir_short", ax->nos[a]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n<tr class=\"own\"><th>", f);
	csf_put_html(f, k->subject);
	fputs("</th>", f);
	for (size_t a = 0; a < ax->n; a++) {
		double v = k->own[a];
		fprintf(f, "<td class=\"num%s\">", isnan(v) ? "" : html_band_class(csf_band_of_mean(v)));
		html_num(f, v, 1);
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
	for (size_t b = 0; b < k->nbench; b++) {
		fputs("<tr><th>", f);
		if (k->bench[b].cls)
			html_labelf(f, "class_mean", k->bench[b].cls);
		else
			csf_put_html(f, L("overall"));
		fputs("</th>", f);
		for (size_t a = 0; a < ax->n; a++) {
			fputs("<td class=\"num\">", f);
			html_num(f, k->bench[b].v[a], 1);
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
			html_num(f, k->dev[a], 1);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	if (k->has_gap) {
		fputs("<tr class=\"gap\"><th>", f);
		if (k->target && !strcmp(k->target, "5"))
			csf_put_html(f, L("gap_to_5"));
		else
			html_labelf(f, "gap_to", k->target ? k->target : "?");
		fputs("</th>", f);
		for (size_t a = 0; a < ax->n; a++) {
			fprintf(f, "<td class=\"num%s\">", k->flag[a] == 2 ? " flag2" : k->flag[a] == 1 ? " flag1" : "");
			html_num(f, k->gap[a], 1);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n<ul class=\"dirnames\">\n", f);
	for (size_t a = 0; a < ax->n; a++) {
		fputs("<li>", f);
		html_labelf(f, "dir_short", ax->nos[a]);
		fputs(" ", f);
		csf_put_html(f, ax->names[a]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);

	/* The radar: benchmark rows dashed, the subject solid on top. */
	fprintf(f, "<figure>\n");
	csf_report_radar(f, k, ax, NULL);
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
			html_labelf(f, "hint_n", n);
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
		/* Who answered, on what and when, next to each answer, when any says. */
		int who = 0, dated = 0;
		size_t i;
		json_t *c;
		json_array_foreach(k->checks, i, c)
			if (csf_check_has_who(c)) {
				who = 1;
				dated |= json_is_string(json_object_get(c, "date"));
			}
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th></th><th>%s</th>",
		    L("checks"), L("check"), L("answer"));
		if (who)
			fprintf(f, "<th>%s</th><th>%s</th>", L("assessor"), L("evidence"));
		if (dated)
			fprintf(f, "<th>%s</th>", L("answer_date"));
		fputs("</tr></thead>\n<tbody>\n", f);
		json_array_foreach(k->checks, i, c) {
			const char *item = csf_str(c, "item");
			json_t *check = csf_data_find("check", item);
			json_t *lv = json_object_get(c, "level");
			fputs("<tr><td>", f);
			csf_put_html(f, item ? item : "");
			fputs("</td><td>", f);
			csf_put_html(f, check ? csf_text(json_object_get(check, "text")) : "");
			fprintf(f, "</td><td class=\"num%s\">", html_band_class(csf_band_of(c, "level", lv)));
			if (json_is_number(lv))
				html_num(f, json_number_value(lv), 1);
			static const char *const whokeys[] = { "assessor", "evidence", "date" };
			for (int w = 0; w < who * (2 + dated); w++) {
				const char *v = csf_str(c, whokeys[w]);
				fputs("</td><td>", f);
				csf_put_html(f, v ? v : "");
			}
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	fputs("</section>\n", f);
}

