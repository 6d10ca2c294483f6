/* render_svg.c - the charts, drawn as SVG by our own code (no scripts, no
 * fonts or images fetched): a radar of directive means against benchmark
 * classes, horizontal bars of levels against targets, and a heat map of
 * groups by roles. The HTML report inlines them; --format svg writes one
 * alone. Every label goes through csf_put_html. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

#define FONT "font-family=\"sans-serif\""

/* Approximate pixel width of text at a font size: wide characters take a
 * full em, others a little over half. Good enough to lay out labels. */
static double
text_px(const char *s, double size)
{
	return (double)csf_display_width(s) * size * 0.62;
}

/* A label of width w cut to at most maxw display columns, with "..." when cut. */
static void
put_label_w(FILE *f, const char *s, size_t w, size_t maxw)
{
	if (w <= maxw) {
		csf_put_html(f, s);
		return;
	}
	size_t n = csf_width_prefix(s, maxw > 3 ? maxw - 3 : 0, &w);
	char *cut = xmalloc(n + 4);
	memcpy(cut, s, n);
	memcpy(cut + n, "...", 4);
	csf_put_html(f, cut);
	free(cut);
}

static void
put_label(FILE *f, const char *s, size_t maxw)
{
	put_label_w(f, s, csf_display_width(s), maxw);
}

/* svgf's line, gathered before one write. */
struct svgbuf {
	FILE *f;
	size_t n;
	char b[1024];
};

static inline void
svgbuf_put(struct svgbuf *sb, const char *s, size_t n)
{
	if (sb->n + n <= sizeof sb->b) {
		/* The usual case, inline: a short piece into room there is. */
		memcpy(sb->b + sb->n, s, n);
		sb->n += n;
		return;
	}
	if (sb->n + n > sizeof sb->b) {
		fwrite(sb->b, 1, sb->n, sb->f);
		sb->n = 0;
		if (n > sizeof sb->b) {
			fwrite(s, 1, n, sb->f);
			return;
		}
	}
	memcpy(sb->b + sb->n, s, n);
	sb->n += n;
}

/* printf for the charts' few conversions, without printf's cost (a chart
 * a person, thousands of numbers in a large report): %f one decimal, %d
 * none, %g a value as %g writes it, %+g with its sign, %s a string
 * written as it is (our own colours and words, never data). */
static void
svgf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct svgbuf sb;
	sb.f = f;
	sb.n = 0;
	char num[CSF_FIXED_MAX];
	const char *run = fmt, *p = fmt;
	/* From one conversion to the next: the text between goes as it is. */
	while ((p = strchr(run, '%'))) {
		svgbuf_put(&sb, run, (size_t)(p - run));
		int plus = p[1] == '+';
		if (plus)
			p++;
		switch (*++p) {
		case 'f': svgbuf_put(&sb, num, csf_fmt_fixed(num, va_arg(ap, double), 1)); break;
		case 'd': svgbuf_put(&sb, num, csf_fmt_fixed(num, va_arg(ap, double), 0)); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			svgbuf_put(&sb, s, strlen(s));
			break;
		}
		case 'g': {
			double x = va_arg(ap, double);
			if (plus && x >= 0)
				svgbuf_put(&sb, "+", 1);
			if (x == floor(x) && fabs(x) < 1e9)
				svgbuf_put(&sb, num, csf_fmt_fixed(num, x, 0));
			else {
				int n = snprintf(num, sizeof num, "%g", x);
				svgbuf_put(&sb, num, n > 0 ? (size_t)n : 0);
			}
			break;
		}
		default: svgbuf_put(&sb, "%", 1); svgbuf_put(&sb, p, 1); break;
		}
		run = p + 1;
	}
	svgbuf_put(&sb, run, strlen(run));
	fwrite(sb.b, 1, sb.n, f);
	va_end(ap);
}

/* A scale the chart can draw: finite, lo < hi, at most ten ticks. */
static double
scale_step(double *lo, double *hi)
{
	if (!isfinite(*lo) || !isfinite(*hi) || *hi <= *lo || *hi - *lo > 1e6) {
		*lo = 0;
		*hi = 5;
	}
	return *hi - *lo <= 10 ? 1 : (*hi - *lo) / 10;
}

#define TITLE_H 26.0   /* the title line above every chart */

/* The chart's frame: the viewBox lets it scale with the page; the title
 * is written on the chart (and as <title> for screen readers), the body
 * drawn below it. */
static void
svg_open(FILE *f, double w, double h, int standalone, const char *title)
{
	if (standalone)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	h += TITLE_H;
	svgf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\">\n", w, h, w, h);
	if (title) {
		fputs("<title>", f);
		csf_put_html(f, title);
		fputs("</title>\n", f);
	}
	svgf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", w, h);
	if (title) {
		fputs("<text x=\"12\" y=\"18\" font-size=\"14\" font-weight=\"bold\" " FONT ">", f);
		put_label(f, title, (size_t)(w / 9));
		fputs("</text>\n", f);
	}
	svgf(f, "<g transform=\"translate(0 %d)\">\n", TITLE_H);
}

static void
svg_close(FILE *f)
{
	fputs("</g>\n</svg>\n", f);
}

/* A fill colour for value v on [lo,hi]: pink (low), yellow, green (high). */
void
csf_svg_scale_colour(double v, double lo, double hi, char out[8])
{
	static const double stops[3][3] = {
		{ 0xf4, 0xb6, 0xc8 }, { 0xff, 0xec, 0x99 }, { 0xa8, 0xdc, 0xab } };
	double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	int seg = t < 0.5 ? 0 : 1;
	double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
	int rgb[3];
	for (int i = 0; i < 3; i++)
		rgb[i] = (int)lround(stops[seg][i] + (stops[seg + 1][i] - stops[seg][i]) * u);
	snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

void
csf_svg_radar(FILE *f, const struct csf_radar *r, int standalone)
{
	const double w = 560, cx = 280, cy = 230, R = 160;
	double h = 470 + 22.0 * (double)((r->nseries + 1) / 2);
	svg_open(f, w, h, standalone, r->title);
	size_t n = r->naxes;
	if (n < 3) {
		svg_close(f);
		return;
	}
	double lo = r->lo, hi = r->hi, step = scale_step(&lo, &hi);
	/* Rings at each step of the scale, then the axes. */
	for (double ring = lo + step; ring <= hi + 1e-9; ring += step) {
		double rr = (ring - lo) / (hi - lo) * R;
		fputs("<polygon fill=\"none\" stroke=\"#d0d0d0\" stroke-width=\"1\" points=\"", f);
		for (size_t i = 0; i < n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
			svgf(f, "%s%f,%f", i ? " " : "", cx + rr * cos(a), cy + rr * sin(a));
		}
		fputs("\"/>\n", f);
		svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"10\" fill=\"#888888\" " FONT ">%g</text>\n",
		    cx + 3, cy - rr - 2, ring);
	}
	for (size_t i = 0; i < n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
		double x = cx + R * cos(a), y = cy + R * sin(a);
		svgf(f, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#d0d0d0\"/>\n",
		    cx, cy, x, y);
		double lx = cx + (R + 16) * cos(a), ly = cy + (R + 16) * sin(a) + 4;
		const char *anchor = fabs(cos(a)) < 0.2 ? "middle" : cos(a) > 0 ? "start" : "end";
		svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"12\" text-anchor=\"%s\" " FONT ">",
		    lx, ly, anchor);
		put_label(f, r->labels[i], 16);
		fputs("</text>\n", f);
	}
	/* Series: benchmarks first, the subject last so it is drawn on top. */
	for (size_t s = 0; s < r->nseries; s++) {
		const struct csf_series *se = &r->series[s];
		svgf(f, "<polygon fill=\"%s\" fill-opacity=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"",
		    se->colour, se->emphasis ? "0.18" : "0", se->colour, se->emphasis ? "2.5" : "1.5",
		    se->emphasis ? "" : " stroke-dasharray=\"5 3\"");
		for (size_t i = 0; i < n; i++) {
			double v = se->v[i];
			double t = isnan(v) ? 0 : (v - lo) / (hi - lo);
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
			svgf(f, "%s%f,%f", i ? " " : "", cx + t * R * cos(a), cy + t * R * sin(a));
		}
		fputs("\"/>\n", f);
	}
	/* Legend, two entries a row. */
	for (size_t s = 0; s < r->nseries; s++) {
		const struct csf_series *se = &r->series[s];
		double x = 40 + 260.0 * (double)(s % 2), y = 460 + 22.0 * (double)(s / 2);
		svgf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n",
		    x, y - 4, x + 28, y - 4, se->colour, se->emphasis ? "2.5" : "1.5",
		    se->emphasis ? "" : " stroke-dasharray=\"5 3\"");
		svgf(f, "<text x=\"%d\" y=\"%d\" font-size=\"12\" " FONT ">", x + 36, y);
		put_label(f, se->name, 30);
		fputs("</text>\n", f);
	}
	svg_close(f);
}

void
csf_svg_bars(FILE *f, const struct csf_bars *b, int standalone)
{
	const double size = 12, row = 24, barw = 300;
	double labelw = 0;
	size_t *widths = xmalloc((b->n + 1) * sizeof *widths);
	for (size_t i = 0; i < b->n; i++) {
		widths[i] = csf_display_width(b->labels[i]);
		double px = (double)widths[i] * size * 0.62;   /* text_px */
		if (px > labelw)
			labelw = px;
	}
	labelw = labelw > 260 ? 260 : labelw < 40 ? 40 : labelw;
	double x0 = 16 + labelw + 8, w = x0 + barw + 70, h = 40 + row * (double)b->n + 10 + (b->target ? 30 : 0);
	svg_open(f, w, h, standalone, b->title);
	double lo = b->lo, hi = b->hi, step = scale_step(&lo, &hi);
	/* Scale ticks along the top. */
	for (double t = lo; t <= hi + 1e-9; t += step) {
		double x = x0 + (t - lo) / (hi - lo) * barw;
		svgf(f, "<line x1=\"%f\" y1=\"26\" x2=\"%f\" y2=\"%f\" stroke=\"#e0e0e0\"/>\n", x, x, h - 10);
		svgf(f, "<text x=\"%f\" y=\"20\" font-size=\"10\" text-anchor=\"middle\" fill=\"#888888\" " FONT ">%g</text>\n", x, t);
	}
	for (size_t i = 0; i < b->n; i++) {
		double y = 30 + row * (double)i;
		svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"%d\" text-anchor=\"end\" " FONT ">",
		    x0 - 8, y + 15, size);
		put_label_w(f, b->labels[i], widths[i], (size_t)(260 / (size * 0.55)));
		fputs("</text>\n", f);
		double v = b->v[i], t = b->target ? b->target[i] : NAN;
		if (!isnan(v)) {
			double len = (v - lo) / (hi - lo) * barw;
			len = len < 0 ? 0 : len > barw ? barw : len;
			const char *colour = isnan(t) ? "#6f9fd8" : v >= t ? "#7cb987" : t - v >= 2 ? "#e88aa5" : "#f2d15c";
			svgf(f, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"16\" fill=\"%s\"/>\n",
			    x0, y + 3, len, colour);
			/* The value, and below target the gap by its sign: readable
			 * without telling the colours apart. */
			if (!isnan(t) && v < t)
				svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"11\" " FONT ">%g (%+g)</text>\n",
				    x0 + len + 4, y + 15, v, v - t);
			else
				svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"11\" " FONT ">%g</text>\n",
				    x0 + len + 4, y + 15, v);
		}
		if (!isnan(t)) {
			double x = x0 + (t - lo) / (hi - lo) * barw;
			x = x < x0 ? x0 : x > x0 + barw ? x0 + barw : x;
			svgf(f, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#333333\" stroke-width=\"2\"/>\n",
			    x, y + 1, x, y + 21);
		}
	}
	if (b->target) {
		/* The legend: what each colour and the line mean. */
		static const struct { const char *colour, *id; } keys[] = {
			{ "#7cb987", "legend_at" }, { "#f2d15c", "legend_short" }, { "#e88aa5", "legend_far" } };
		double ly = h - 18, lx = 16;
		for (int i = 0; i < 3; i++) {
			svgf(f, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>\n", lx, ly, keys[i].colour);
			svgf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" " FONT ">", lx + 18, ly + 9);
			csf_put_html(f, csf_label(keys[i].id));
			fputs("</text>\n", f);
			lx += 24 + text_px(csf_label(keys[i].id), 11);
		}
		svgf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\" stroke-width=\"2\"/>\n",
		    lx + 4, ly - 2, lx + 4, ly + 12);
		svgf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" " FONT ">", lx + 10, ly + 9);
		csf_put_html(f, csf_label("legend_target"));
		fputs("</text>\n", f);
	}
	free(widths);
	svg_close(f);
}

void
csf_svg_heatmap(FILE *f, const struct csf_heatmap *m, int standalone)
{
	const double size = 12, cellw = 72, cellh = 28;
	double labelw = 0, headh = 0;
	for (size_t r = 0; r < m->nrows; r++) {
		double px = text_px(m->rowlabels[r], size);
		if (px > labelw)
			labelw = px;
	}
	for (size_t c = 0; c < m->ncols; c++) {
		double px = text_px(m->collabels[c], size);
		if (px > headh)
			headh = px;
	}
	labelw = labelw > 240 ? 240 : labelw < 40 ? 40 : labelw;
	headh = (headh > 180 ? 180 : headh) * 0.71 + 20;   /* labels at 45 degrees */
	double x0 = 16 + labelw + 8, y0 = headh + 10;
	double w = x0 + cellw * (double)m->ncols + 60, h = y0 + cellh * (double)m->nrows + 16 + 30;
	if (w < 360)
		w = 360;
	svg_open(f, w, h, standalone, m->title);
	for (size_t c = 0; c < m->ncols; c++) {
		double x = x0 + cellw * ((double)c + 0.5);
		svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"%d\" transform=\"rotate(-45 %f %f)\" " FONT ">",
		    x, y0 - 6, size, x, y0 - 6);
		put_label(f, m->collabels[c], 24);
		fputs("</text>\n", f);
	}
	for (size_t r = 0; r < m->nrows; r++) {
		double y = y0 + cellh * (double)r;
		svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"%d\" text-anchor=\"end\" " FONT ">",
		    x0 - 8, y + 18, size);
		put_label(f, m->rowlabels[r], (size_t)(240 / (size * 0.55)));
		fputs("</text>\n", f);
		for (size_t c = 0; c < m->ncols; c++) {
			double v = m->v[r * m->ncols + c], x = x0 + cellw * (double)c;
			char colour[8] = "#f4f4f4";
			if (!isnan(v))
				csf_svg_scale_colour(v, m->lo, m->hi, colour);
			svgf(f, "<rect x=\"%f\" y=\"%f\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#ffffff\"/>\n",
			    x, y, cellw, cellh, colour);
			if (!isnan(v))
			{
				svgf(f, "<text x=\"%f\" y=\"%f\" font-size=\"12\" text-anchor=\"middle\" " FONT ">",
				    x + cellw / 2, y + 18);
				csf_put_fixed(f, v, m->decimals);
				fputs("</text>\n", f);
			}
		}
	}
	/* The legend: the colour scale from low to high, with its ends. */
	{
		double ly = h - 26, lx = 16;
		for (int i = 0; i <= 10; i++) {
			char colour[8];
			csf_svg_scale_colour(m->lo + (m->hi - m->lo) * i / 10.0, m->lo, m->hi, colour);
			svgf(f, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"12\" fill=\"%s\"/>\n",
			    lx + 40 + 14.0 * i, ly, colour);
		}
		svgf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" " FONT ">%g</text>\n", lx + 36, ly + 10, m->lo);
		svgf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" " FONT ">%g  ", lx + 40 + 14.0 * 11 + 4, ly + 10, m->hi);
		csf_put_html(f, csf_label("legend_scale"));
		fputs("</text>\n", f);
	}
	svg_close(f);
}

