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

/* What the sheet says besides its chart, written under it: the 偏差値
 * with its cohort and the generation, the directive means with their
 * 偏差値, and the answers that name an assessor or evidence. */
struct karte_notes {
	struct csf_svg_notes n;
	const char *lines[2];
	char *owned[2];
	struct csf_svg_table tables[2];
	char **dev;            /* 3 x (axes + 1) cells, owned */
	double *dev_w;
	int *dev_right;
	struct csf_who who;
	const char **who_cells;
	double who_w[CSF_WHO_COLS];
	int who_right[CSF_WHO_COLS];
};

static char *
fact_line(const char *label, const char *value)
{
	size_t n = strlen(label) + strlen(value) + 3;
	char *s = xmalloc(n);
	snprintf(s, n, "%s: %s", label, value);
	return s;
}

static char *
num1(double x)
{
	char buf[32] = "";
	if (!isnan(x))
		snprintf(buf, sizeof buf, "%.1f", csf_round(x, 1));
	return xstrdup(buf);
}

static void
karte_notes(struct karte_notes *kn, const struct csf_karte *k, const struct csf_axes *ax)
{
	memset(kn, 0, sizeof *kn);
	char *dev = csf_karte_deviation(k);
	if (dev) {
		kn->owned[kn->n.nlines] = fact_line(csf_label("deviation"), dev);
		kn->lines[kn->n.nlines] = kn->owned[kn->n.nlines];
		kn->n.nlines++;
		free(dev);
	}
	const char *gen = csf_karte_generation(k);
	if (gen) {
		kn->owned[kn->n.nlines] = fact_line(csf_label("generation"), gen);
		kn->lines[kn->n.nlines] = kn->owned[kn->n.nlines];
		kn->n.nlines++;
	}
	kn->n.lines = kn->lines;
	kn->n.tables = kn->tables;
	int has_dev = 0;
	for (size_t a = 0; a < ax->n; a++)
		has_dev |= !isnan(k->dev[a]);
	size_t nc = ax->n + 1;
	if (has_dev) {
		/* The directive means and their 偏差値, as the HTML sheet's rows. */
		kn->dev = xcalloc(3 * nc, sizeof *kn->dev);
		kn->dev_w = xcalloc(nc, sizeof *kn->dev_w);
		kn->dev_right = xcalloc(nc, sizeof *kn->dev_right);
		kn->dev[0] = xstrdup("");
		kn->dev[nc] = xstrdup(k->subject);
		kn->dev[2 * nc] = xstrdup(csf_label("deviation"));
		size_t dcols = 5;   /* "100.0" */
		for (size_t a = 0; a < ax->n; a++) {
			kn->dev[1 + a] = csf_labelf("dir_short", ax->nos[a]);
			kn->dev[nc + 1 + a] = num1(k->own[a]);
			kn->dev[2 * nc + 1 + a] = num1(k->dev[a]);
			kn->dev_right[1 + a] = 1;
			if (csf_display_width(kn->dev[1 + a]) > dcols)
				dcols = csf_display_width(kn->dev[1 + a]);
		}
		/* The directives' columns as wide as their headers need (a 560
		 * wide chart, 11 px text: 6.8 px a column), the row names the rest. */
		double dw = ((double)dcols * 6.82 + 8) / 536;
		if (dw * (double)ax->n > 0.86)
			dw = 0.86 / (double)ax->n;
		kn->dev_w[0] = 1 - dw * (double)ax->n;
		for (size_t a = 0; a < ax->n; a++)
			kn->dev_w[1 + a] = dw;
		kn->tables[kn->n.ntables++] = (struct csf_svg_table){ NULL, nc, 2,
		    (const char *const *)kn->dev, kn->dev_w, kn->dev_right };
	}
	csf_karte_who(&kn->who, k);
	if (kn->who.n > 0) {
		/* Item, answer, assessor, evidence and, when any says, the date. */
		static const char *const head[CSF_WHO_COLS] = { "check", "answer", "assessor", "evidence", "answer_date" };
		size_t cols = kn->who.dated ? CSF_WHO_COLS : CSF_WHO_COLS - 1;
		kn->who_cells = xcalloc((kn->who.n + 1) * cols, sizeof *kn->who_cells);
		for (size_t c = 0; c < cols; c++)
			kn->who_cells[c] = csf_label(head[c]);
		for (size_t r = 0; r < kn->who.n; r++)
			for (size_t c = 0; c < cols; c++)
				kn->who_cells[(r + 1) * cols + c] = kn->who.cells[r * CSF_WHO_COLS + c];
		const double w5[CSF_WHO_COLS] = { 0.1, 0.1, 0.2, 0.4, 0.2 }, w4[CSF_WHO_COLS] = { 0.1, 0.1, 0.2, 0.6, 0 };
		memcpy(kn->who_w, kn->who.dated ? w5 : w4, sizeof kn->who_w);
		kn->who_right[1] = 1;
		kn->tables[kn->n.ntables++] = (struct csf_svg_table){ csf_label("checks_who"), cols, kn->who.n,
		    kn->who_cells, kn->who_w, kn->who_right };
	}
}

static void
karte_notes_free(struct karte_notes *kn, const struct csf_axes *ax)
{
	for (size_t i = 0; i < 2; i++)
		free(kn->owned[i]);
	if (kn->dev)
		for (size_t i = 0; i < 3 * (ax->n + 1); i++)
			free(kn->dev[i]);
	free(kn->dev);
	free(kn->dev_w);
	free(kn->dev_right);
	free(kn->who_cells);
	csf_who_free(&kn->who);
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
	struct karte_notes kn;
	karte_notes(&kn, k, ax);
	int lo, hi;
	csf_karte_scale(&lo, &hi);
	struct csf_bars b = { k->subject, ax->n, (const char *const *)labels, k->own, target, 0, hi, &kn.n, NULL, NULL };
	csf_svg_bars(f, &b, 1);
	karte_notes_free(&kn, ax);
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
	int lo, hi;
	csf_karte_scale(&lo, &hi);
	struct csf_heatmap m = { csf_label("dir_table"), nr, nc, rows,
	    (const char *const *)cols, v, lo, hi, 1 };
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
	int status = csf_report_svg(r, f, o);
	csf_report_free(r);
	return status;
}

int
csf_report_svg(const struct csf_report *r, FILE *f, const struct csf_render_opts *o)
{
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
			struct karte_notes kn;
			karte_notes(&kn, k, &r->axes);
			csf_report_radar(f, k, &r->axes, &kn.n);
			karte_notes_free(&kn, &r->axes);
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
	return !drawn;
}
