/* render_chart.c - --format svg: one chart of the records the report
 * model recognises (a result sheet's radar or bars, the companies or
 * departments as a heat map, a person's bars). Above the report model;
 * the charts themselves are drawn by render_svg.c below it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_report.h"

/* ---- --format svg: one chart of the recognised records ---- */

static const struct csf_karte *
pick_karte(const struct csf_report *r, const char *subject)
{
	for (size_t i = 0; i < r->nkarte; i++)
		if (!subject || !strcmp(r->karte[i].subject, subject))
			return &r->karte[i];
	return NULL;
}

/* Bars of a subject's directive means, the target class mean as the marker. */
static void
karte_bars(FILE *f, const struct csf_karte *k, const struct csf_axes *ax)
{
	const double *target = NULL;
	for (size_t b = 0; b < k->nbench; b++)
		if (k->bench[b].cls && k->target && !strcmp(k->bench[b].cls, k->target))
			target = k->bench[b].v;
	char **labels = xcalloc(ax->n + 1, sizeof *labels);
	for (size_t a = 0; a < ax->n; a++) {
		const char *fmt = csf_label("dir_short");
		size_t n = strlen(fmt) + strlen(ax->nos[a]) + 1;
		labels[a] = xmalloc(n);
		snprintf(labels[a], n, fmt, ax->nos[a]);
	}
	struct csf_bars b = { k->subject, ax->n, (const char *const *)labels, k->own, target, 0, 5 };
	csf_svg_bars(f, &b, 1);
	for (size_t a = 0; a < ax->n; a++)
		free(labels[a]);
	free(labels);
}

/* Subjects by directives, like the survey's table of companies. */
static void
karte_heatmap(FILE *f, const struct csf_report *r)
{
	size_t nr = r->nkarte, nc = r->axes.n;
	const char **rows = xcalloc(nr + 1, sizeof *rows);
	char **cols = xcalloc(nc + 1, sizeof *cols);
	double *v = xmalloc((nr * nc + 1) * sizeof *v);
	for (size_t i = 0; i < nr; i++) {
		rows[i] = r->karte[i].subject;
		for (size_t a = 0; a < nc; a++)
			v[i * nc + a] = r->karte[i].own[a];
	}
	for (size_t a = 0; a < nc; a++) {
		const char *fmt = csf_label("dir_short");
		size_t n = strlen(fmt) + strlen(r->axes.nos[a]) + 1;
		cols[a] = xmalloc(n);
		snprintf(cols[a], n, fmt, r->axes.nos[a]);
	}
	struct csf_heatmap m = { csf_label("dir_table"), nr, nc, rows,
	    (const char *const *)cols, v, 1, 5, 1 };
	csf_svg_heatmap(f, &m, 1);
	for (size_t a = 0; a < nc; a++)
		free(cols[a]);
	free(cols);
	free(rows);
	free(v);
}

static const struct csf_person *
pick_person(const struct csf_report *r, const char *subject)
{
	for (size_t i = 0; i < r->nperson; i++)
		if (!subject || !strcmp(r->person[i].subject, subject))
			return &r->person[i];
	return NULL;
}

int
csf_render_svg(const csf_doc *d, FILE *f, const struct csf_render_opts *o)
{
	struct csf_report *r = csf_report_build(d);
	const struct csf_karte *k = pick_karte(r, o->subject);
	const struct csf_person *p = pick_person(r, o->subject);
	const char *chart = o->chart;
	int drawn = 0;
	/* Without --chart: the management sheet's radar (or the heat map of
	 * several companies), else a person's bars (or the organisation's map). */
	if (!chart && k)
		chart = r->nkarte > 1 && !o->subject ? "heatmap" : "radar";
	else if (!chart && p)
		chart = !o->subject && r->heat.nrows > 0 ? "heatmap" : "bars";
	if (!chart) {
		/* nothing recognised */
	} else if (!strcmp(chart, "radar")) {
		if (k) {
			csf_report_radar(f, k, &r->axes, 1);
			drawn = 1;
		}
	} else if (!strcmp(chart, "bars")) {
		if (k) {
			karte_bars(f, k, &r->axes);
			drawn = 1;
		} else if (p)
			drawn = csf_report_bars(f, p, 1);
	} else if (k && !o->subject && r->nkarte > 0) {
		karte_heatmap(f, r);
		drawn = 1;
	} else if (r->heat.nrows > 0 && r->heat.ncols > 0) {
		csf_report_heatmap(f, &r->heat, 1);
		drawn = 1;
	}
	if (!drawn)
		csf_warn(o->subject ? N_("svg: no %s chart in this input for subject %s (radar and bars need a subject's "
		    "directive means or item levels, heatmap several subjects or departments)")
		    : N_("svg: no %s chart in this input%s (radar and bars need a subject's "
		    "directive means or item levels, heatmap several subjects or departments)"),
		    chart ? chart : "", o->subject ? o->subject : "");
	csf_report_free(r);
	return !drawn;
}
