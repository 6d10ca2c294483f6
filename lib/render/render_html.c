/* render_html.c - one self-contained HTML file a manager reads: the
 * summary first, then the organisation, the management model's result
 * sheets (カルテ), each person and a plain table for any other record. No
 * script, no network: styles are inline, charts are SVG drawn by
 * render_svg.c, and a Content Security Policy forbids the rest. The
 * sections are drawn by render_html_{karte,org,person}.c; this file holds
 * the styles, the summary and the document around them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_html.h"
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



/* ---- tables of the records no section shows ----
 * Through the tabular formats' engine (render_tab.c), so they read as the
 * workbook and the Markdown do: one table per kind of record, headers,
 * values and IDs in --lang, arrays as text; a type csf does not write
 * keeps its keys and values as they are. */

static int
other_begin(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i)
{
	(void)i;
	FILE *f = ctx;
	fputs("<h3>", f);
	csf_put_html(f, s->title);
	fprintf(f, " (%zu)</h3>\n<div class=\"scroll\"><table>\n<thead><tr>", s->nrows);
	for (size_t c = 0; c < s->ncols; c++) {
		fputs("<th>", f);
		csf_put_html(f, csf_tab_header(t, s, c));
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	return 0;
}

static int
other_row(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r)
{
	(void)t;
	FILE *f = ctx;
	const json_t *rec = csf_tab_rec(r);
	fputs("<tr>", f);
	for (size_t c = 0; c < s->ncols; c++) {
		const char *path = s->cols[c].path;
		csf_cell cell = r->cells[c];
		const char *band = path[0] == '@' ? "" : html_band_class(csf_band_of(rec, path, csf_path_get(rec, path)));
		if (cell.kind == CSF_CELL_NUMBER)
			fprintf(f, "<td class=\"num%s\">", band);
		else if (*band)
			fprintf(f, "<td class=\"%s\">", band + 1);
		else
			fputs("<td>", f);
		csf_put_html(f, cell.text);
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
	return 0;
}

static int
other_end(void *ctx, const csf_tab *t, const struct csf_tab_section *s)
{
	(void)t;
	(void)s;
	fputs("</tbody>\n</table></div>\n", ctx);
	return 0;
}

void
csf_report_tables(FILE *f, const csf_doc *rest)
{
	csf_tab *t = csf_tab_of_doc(rest);
	static const struct csf_tab_backend html_tables = { other_begin, other_row, other_end };
	csf_tab_each(t, &html_tables, f);
	csf_tab_free(t);
}

/* ---- the document ---- */


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
		html_labelf(f, ov->people == 1 ? "n_people_1" : "n_people", n);
		fputs("</dd>\n", f);
	}
	if (ov->items > 0)
		fprintf(f, "<dt>%s</dt><dd>%.1f%% (%ld/%ld)</dd>\n", L("coverage_total"),
		    100.0 * (double)ov->at_target / (double)ov->items, ov->at_target, ov->items);
	if (json_array_size(rep->groups) > 0) {
		char n[32];
		snprintf(n, sizeof n, "%zu", ov->nspof);
		fprintf(f, "<dt>%s</dt><dd>", L("spof_short"));
		html_labelf(f, "n_items", n);
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
			html_labelf(f, ov->gaps[i].people == 1 ? "n_people_1" : "n_people", n);
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

void
html_document(FILE *f, const struct csf_render_opts *o, const struct csf_report *rep,
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
		html_org_section(f, rep, ++id);
	csf_org_html_doc(f, rep->rest);   /* the organisation model's matrix and findings */
	for (size_t i = 0; i < rep->nkarte; i++)
		html_karte_section(f, &rep->karte[i], &rep->axes, ++id);
	for (size_t i = 0; i < npeople; i++)
		pp->body(pp->ctx, i, ++id, f);
	if (rep->nrest > 0 && !o->summary) {
		fprintf(f, "<section id=\"s%d\">\n<h2>%s</h2>\n", ++id, L("other"));
		csf_report_tables(f, rep->rest);
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
held_body(void *ctx, size_t i, int id, FILE *f)
{
	struct csf_flat_person fp = { 0 };
	csf_buf b = { 0 };
	html_section_open(&b, id);
	csf_flat_person_of(&fp, &((struct csf_report *)ctx)->person[i]);
	html_person_body(&b, &fp);
	csf_buf_write(&b, f);
	csf_buf_free(&b);
	csf_flat_person_free(&fp);
}

int
csf_render_html(const csf_doc *d, FILE *f, const struct csf_render_opts *o)
{
	struct csf_report *rep = csf_report_build(d);
	struct people pp = { rep->nperson, held_subject, held_body, rep };
	struct csf_overview ov;
	csf_overview_of_doc(&ov, d, rep);
	html_document(f, o, rep, csf_doc_count(d), &pp, &ov);
	csf_overview_free(&ov);
	csf_report_free(rep);
	return 0;
}

