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
#define BAR_LABEL_MAX 39   /* columns of a bar's label: 260 px at 12 px, 0.55 em a column */

/* Approximate pixel width of text at a font size: wide characters take a
 * full em, others a little over half. Good enough to lay out labels. */
static double
text_px(const char *s, double size)
{
	return (double)csf_display_width(s) * size * 0.62;
}

/* A label of width w cut to at most maxw display columns, with "..." when cut. */
static void
put_label_w(csf_buf *b, const char *s, size_t w, size_t maxw)
{
	if (w <= maxw) {
		csf_buf_html(b, s);
		return;
	}
	size_t n = csf_width_prefix(s, maxw > 3 ? maxw - 3 : 0, &w);
	char *cut = xmalloc(n + 4);
	memcpy(cut, s, n);
	memcpy(cut + n, "...", 4);
	csf_buf_html(b, cut);
	free(cut);
}

char *
csf_svg_bar_label(const char *label, size_t *width)
{
	csf_buf b = { 0 };
	*width = csf_display_width(label);
	put_label_w(&b, label, *width, BAR_LABEL_MAX);
	csf_buf_putc(&b, '\0');
	return b.p;
}

static void
put_label(csf_buf *b, const char *s, size_t maxw)
{
	put_label_w(b, s, csf_display_width(s), maxw);
}

/* A value as svgf's %g writes it (with plus, a sign for any). */
static void
svg_g(csf_buf *b, double x, int plus)
{
	if (plus && x >= 0)
		csf_buf_putc(b, '+');
	if (x == floor(x) && fabs(x) < 1e9)
		csf_buf_fixed(b, x, 0);
	else {
		char num[64];
		int n = snprintf(num, sizeof num, "%g", x);
		csf_buf_put(b, num, n > 0 ? (size_t)n : 0);
	}
}

/* printf for the charts' few conversions, without printf's cost (a chart
 * a person, thousands of numbers in a large report): %f one decimal, %d
 * none, %g a value as %g writes it, %+g with its sign, %s a string
 * written as it is (our own colours and words, never data). */
static void
svgf(csf_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt, *p = fmt;
	/* From one conversion to the next: the text between goes as it is. */
	while ((p = strchr(run, '%'))) {
		csf_buf_put(b, run, (size_t)(p - run));
		int plus = p[1] == '+';
		if (plus)
			p++;
		switch (*++p) {
		case 'f': csf_buf_fixed(b, va_arg(ap, double), 1); break;
		case 'd': csf_buf_fixed(b, va_arg(ap, double), 0); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			csf_buf_put(b, s, strlen(s));
			break;
		}
		case 'g': svg_g(b, va_arg(ap, double), plus); break;
		default: csf_buf_put(b, "%", 1); csf_buf_put(b, p, 1); break;
		}
		run = p + 1;
	}
	csf_buf_puts(b, run);
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
svg_open(csf_buf *b, double w, double h, int standalone, const char *title)
{
	if (standalone)
		csf_buf_lit(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	h += TITLE_H;
	svgf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\">\n", w, h, w, h);
	if (title) {
		csf_buf_lit(b, "<title>");
		csf_buf_html(b, title);
		csf_buf_lit(b, "</title>\n");
	}
	svgf(b, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", w, h);
	if (title) {
		csf_buf_lit(b, "<text x=\"12\" y=\"18\" font-size=\"14\" font-weight=\"bold\" " FONT ">");
		put_label(b, title, (size_t)(w / 9));
		csf_buf_lit(b, "</text>\n");
	}
	svgf(b, "<g transform=\"translate(0 %d)\">\n", TITLE_H);
}

static void
svg_close(csf_buf *b)
{
	csf_buf_lit(b, "</g>\n</svg>\n");
}

/* ---- notes under a chart: lines, then tables, wrapped to the width ---- */

#define NOTE_SIZE 11.0   /* font size of the notes */
#define NOTE_LH 15.0     /* their line height */
#define NOTE_GAP 10.0    /* space above each line block and table */

/* Columns of text that fit in px at the notes' size (the layout's
 * estimate, as text_px: a wide character is two columns). */
static size_t
cols_in(double px)
{
	double c = px / (NOTE_SIZE * 0.62);
	return c < 4 ? 4 : (size_t)c;
}

/* s wrapped to maxw columns, breaking after a space where one is in the
 * later half of the line, else between characters (Japanese has no
 * spaces). With b, each line is written as a <text> from (x, y) down, at
 * x's end when right; returns the number of lines. */
static size_t
wrap_text(csf_buf *b, const char *s, size_t maxw, double x, double y, int right, int bold)
{
	size_t lines = 0;
	do {
		size_t w, n = csf_width_prefix(s, maxw, &w);
		if (s[n]) {
			for (size_t b = n; b > n / 2; b--)
				if (s[b - 1] == ' ') {
					n = b;
					break;
				}
			if (n == 0) {
				uint32_t cp;
				n = csf_utf8_next(s, &cp);
			}
		}
		if (b) {
			size_t len = n;
			while (len > 0 && s[len - 1] == ' ')
				len--;
			char *line = xmalloc(len + 1);
			memcpy(line, s, len);
			line[len] = '\0';
			svgf(b, "<text x=\"%f\" y=\"%f\" font-size=\"%d\"%s%s " FONT ">", x,
			    y + NOTE_LH * (double)lines + NOTE_SIZE, NOTE_SIZE,
			    right ? " text-anchor=\"end\"" : "", bold ? " font-weight=\"bold\"" : "");
			csf_buf_html(b, line);
			csf_buf_lit(b, "</text>\n");
			free(line);
		}
		lines++;
		s += n;
		while (*s == ' ')
			s++;
	} while (*s);
	return lines;
}

/* The height of a table row: its tallest wrapped cell. */
static double
note_row_h(const struct csf_svg_table *t, const char *const *cells, double width)
{
	size_t most = 1;
	for (size_t c = 0; c < t->ncols; c++) {
		size_t n = wrap_text(NULL, cells[c] ? cells[c] : "", cols_in(t->widths[c] * width - 4), 0, 0, 0, 0);
		if (n > most)
			most = n;
	}
	return NOTE_LH * (double)most + 6;
}

/* The notes drawn from y down, or (b NULL) only measured; returns their height. */
static double
notes_draw(csf_buf *b, const struct csf_svg_notes *n, double w, double y)
{
	if (!n)
		return 0;
	const double x0 = 12, width = w - 24;
	double y0 = y;
	if (n->nlines > 0)
		y += NOTE_GAP;
	for (size_t i = 0; i < n->nlines; i++)
		y += NOTE_LH * (double)wrap_text(b, n->lines[i], cols_in(width), x0, y, 0, 0);
	for (size_t ti = 0; ti < n->ntables; ti++) {
		const struct csf_svg_table *t = &n->tables[ti];
		y += NOTE_GAP;
		if (t->title)
			y += NOTE_LH * (double)wrap_text(b, t->title, cols_in(width), x0, y, 0, 1) + 3;
		for (size_t r = 0; r <= t->nrows; r++) {
			const char *const *cells = t->cells + r * t->ncols;
			double h = note_row_h(t, cells, width), x = x0;
			for (size_t c = 0; c < t->ncols && b; c++) {
				double cw = t->widths[c] * width;
				int right = t->right && t->right[c];
				svgf(b, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"%s\" stroke=\"#bbbbbb\" stroke-width=\"0.5\"/>\n",
				    x, y, cw, h, r == 0 ? "#eef2f7" : "#ffffff");
				wrap_text(b, cells[c] ? cells[c] : "", cols_in(cw - 4), right ? x + cw - 4 : x + 4, y + 2, right, r == 0);
				x += cw;
			}
			y += h;
		}
	}
	return y - y0 + (y > y0 ? 6 : 0);
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

static void
svg_radar(csf_buf *b, const struct csf_radar *r, int standalone)
{
	const double w = 560, cx = 280, cy = 230, R = 160;
	double h = 470 + 22.0 * (double)((r->nseries + 1) / 2);
	svg_open(b, w, h + notes_draw(NULL, r->notes, w, 0), standalone, r->title);
	size_t n = r->naxes;
	if (n < 3) {
		notes_draw(b, r->notes, w, h);
		svg_close(b);
		return;
	}
	double lo = r->lo, hi = r->hi, step = scale_step(&lo, &hi);
	/* Rings at each step of the scale, then the axes. */
	for (double ring = lo + step; ring <= hi + 1e-9; ring += step) {
		double rr = (ring - lo) / (hi - lo) * R;
		csf_buf_lit(b, "<polygon fill=\"none\" stroke=\"#d0d0d0\" stroke-width=\"1\" points=\"");
		for (size_t i = 0; i < n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
			svgf(b, "%s%f,%f", i ? " " : "", cx + rr * cos(a), cy + rr * sin(a));
		}
		csf_buf_lit(b, "\"/>\n");
		svgf(b, "<text x=\"%f\" y=\"%f\" font-size=\"10\" fill=\"#888888\" " FONT ">%g</text>\n",
		    cx + 3, cy - rr - 2, ring);
	}
	for (size_t i = 0; i < n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
		double x = cx + R * cos(a), y = cy + R * sin(a);
		svgf(b, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#d0d0d0\"/>\n",
		    cx, cy, x, y);
		double lx = cx + (R + 16) * cos(a), ly = cy + (R + 16) * sin(a) + 4;
		const char *anchor = fabs(cos(a)) < 0.2 ? "middle" : cos(a) > 0 ? "start" : "end";
		svgf(b, "<text x=\"%f\" y=\"%f\" font-size=\"12\" text-anchor=\"%s\" " FONT ">",
		    lx, ly, anchor);
		put_label(b, r->labels[i], 16);
		csf_buf_lit(b, "</text>\n");
	}
	/* Series: benchmarks first, the subject last so it is drawn on top. */
	for (size_t s = 0; s < r->nseries; s++) {
		const struct csf_series *se = &r->series[s];
		svgf(b, "<polygon fill=\"%s\" fill-opacity=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s points=\"",
		    se->colour, se->emphasis ? "0.18" : "0", se->colour, se->emphasis ? "2.5" : "1.5",
		    se->emphasis ? "" : " stroke-dasharray=\"5 3\"");
		for (size_t i = 0; i < n; i++) {
			double v = se->v[i];
			double t = isnan(v) ? 0 : (v - lo) / (hi - lo);
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
			svgf(b, "%s%f,%f", i ? " " : "", cx + t * R * cos(a), cy + t * R * sin(a));
		}
		csf_buf_lit(b, "\"/>\n");
	}
	/* Legend, two entries a row. */
	for (size_t s = 0; s < r->nseries; s++) {
		const struct csf_series *se = &r->series[s];
		double x = 40 + 260.0 * (double)(s % 2), y = 460 + 22.0 * (double)(s / 2);
		svgf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n",
		    x, y - 4, x + 28, y - 4, se->colour, se->emphasis ? "2.5" : "1.5",
		    se->emphasis ? "" : " stroke-dasharray=\"5 3\"");
		svgf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" " FONT ">", x + 36, y);
		put_label(b, se->name, 30);
		csf_buf_lit(b, "</text>\n");
	}
	notes_draw(b, r->notes, w, h);
	svg_close(b);
}

/* A number as csf_buf_fixed writes it with one decimal, formatted once:
 * a person's chart repeats the same few (row positions, the bars of
 * levels 0 to 5). */
struct fixed1 {
	char s[14];
	unsigned char n;   /* 0: not made yet */
};

static void
put_fixed1(csf_buf *b, struct fixed1 *c, double x)
{
	if (!c->n) {
		char t[CSF_FIXED_MAX];
		size_t n = csf_fmt_fixed(t, x, 1);
		if (n >= sizeof c->s) {
			csf_buf_put(b, t, n);
			return;
		}
		memcpy(c->s, t, n);
		c->n = (unsigned char)n;
	}
	csf_buf_put(b, c->s, c->n);
}

/* The row positions of every bar chart: text, bar, and the target line's ends. */
#define ROWS_KEPT 512
static struct fixed1 row_text[ROWS_KEPT], row_bar[ROWS_KEPT], row_top[ROWS_KEPT], row_bottom[ROWS_KEPT];

static void
put_row_y(csf_buf *b, struct fixed1 *kept, size_t i, double y)
{
	if (i < ROWS_KEPT)
		put_fixed1(b, &kept[i], y);
	else
		csf_buf_fixed(b, y, 1);
}

void
csf_svg_bars_buf(csf_buf *b, const struct csf_bars *bs, int standalone)
{
	const double size = 12, row = 24, barw = 300;
	double labelw = 0;
	size_t *widths = xmalloc((bs->n + 1) * sizeof *widths);
	for (size_t i = 0; i < bs->n; i++) {
		widths[i] = bs->widths ? bs->widths[i] : csf_display_width(bs->labels[i]);
		double px = (double)widths[i] * size * 0.62;   /* text_px */
		if (px > labelw)
			labelw = px;
	}
	labelw = labelw > 260 ? 260 : labelw < 40 ? 40 : labelw;
	double x0 = 16 + labelw + 8, w = x0 + barw + 70, h = 40 + row * (double)bs->n + 10 + (bs->target ? 30 : 0);
	if (bs->notes && bs->notes->nlines + bs->notes->ntables > 0 && w < 560)
		w = 560;   /* the notes' tables need the room */
	svg_open(b, w, h + notes_draw(NULL, bs->notes, w, 0), standalone, bs->title);
	double lo = bs->lo, hi = bs->hi, step = scale_step(&lo, &hi);
	/* Scale ticks along the top. */
	for (double t = lo; t <= hi + 1e-9; t += step) {
		double x = x0 + (t - lo) / (hi - lo) * barw;
		svgf(b, "<line x1=\"%f\" y1=\"26\" x2=\"%f\" y2=\"%f\" stroke=\"#e0e0e0\"/>\n", x, x, h - 10);
		svgf(b, "<text x=\"%f\" y=\"20\" font-size=\"10\" text-anchor=\"middle\" fill=\"#888888\" " FONT ">%g</text>\n", x, t);
	}
	/* The rows, a person's chart has dozens: written piece by piece
	 * rather than through svgf, the same bytes as its %f, %d and %g; the
	 * numbers that are the same on every row formatted once. */
	char label_x[CSF_FIXED_MAX], bar_x[CSF_FIXED_MAX], target_x[CSF_FIXED_MAX];
	size_t label_xn = csf_fmt_fixed(label_x, x0 - 8, 1), bar_xn = csf_fmt_fixed(bar_x, x0, 1);
	size_t maxw = BAR_LABEL_MAX;   /* (size_t)(260 / (size * 0.55)) */
	/* Levels that are whole numbers from 0 to 7 (most): their bar's
	 * width, value's place and target's place, made once a chart. */
	struct fixed1 len_of[8] = { { { 0 }, 0 } }, value_x_of[8] = { { { 0 }, 0 } }, target_x_of[8] = { { { 0 }, 0 } };
	for (size_t i = 0; i < bs->n; i++) {
		double y = 30 + row * (double)i;
		csf_buf_lit(b, "<text x=\"");
		csf_buf_put(b, label_x, label_xn);
		csf_buf_lit(b, "\" y=\"");
		put_row_y(b, row_text, i, y + 15);
		csf_buf_lit(b, "\" font-size=\"12\" text-anchor=\"end\" " FONT ">");   /* size */
		if (bs->marked)
			csf_buf_puts(b, bs->marked[i]);
		else
			put_label_w(b, bs->labels[i], widths[i], maxw);
		csf_buf_lit(b, "</text>\n");
		double v = bs->v[i], t = bs->target ? bs->target[i] : NAN;
		if (!isnan(v)) {
			double len = (v - lo) / (hi - lo) * barw;
			len = len < 0 ? 0 : len > barw ? barw : len;
			int whole = v >= 0 && v < 8 && v == (int)v;
			const char *colour = isnan(t) ? "#6f9fd8" : v >= t ? "#7cb987" : t - v >= 2 ? "#e88aa5" : "#f2d15c";
			csf_buf_lit(b, "<rect x=\"");
			csf_buf_put(b, bar_x, bar_xn);
			csf_buf_lit(b, "\" y=\"");
			put_row_y(b, row_bar, i, y + 3);
			csf_buf_lit(b, "\" width=\"");
			if (whole)
				put_fixed1(b, &len_of[(int)v], len);
			else
				csf_buf_fixed(b, len, 1);
			csf_buf_lit(b, "\" height=\"16\" fill=\"");
			csf_buf_put(b, colour, 7);
			csf_buf_lit(b, "\"/>\n<text x=\"");
			/* The value, and below target the gap by its sign: readable
			 * without telling the colours apart. */
			if (whole)
				put_fixed1(b, &value_x_of[(int)v], x0 + len + 4);
			else
				csf_buf_fixed(b, x0 + len + 4, 1);
			csf_buf_lit(b, "\" y=\"");
			put_row_y(b, row_text, i, y + 15);
			csf_buf_lit(b, "\" font-size=\"11\" " FONT ">");
			svg_g(b, v, 0);
			if (!isnan(t) && v < t) {
				csf_buf_lit(b, " (");
				svg_g(b, v - t, 1);
				csf_buf_putc(b, ')');
			}
			csf_buf_lit(b, "</text>\n");
		}
		if (!isnan(t)) {
			double x = x0 + (t - lo) / (hi - lo) * barw;
			x = x < x0 ? x0 : x > x0 + barw ? x0 + barw : x;
			csf_buf x_text = CSF_BUF_ON(target_x);
			if (t >= 0 && t < 8 && t == (int)t)
				put_fixed1(&x_text, &target_x_of[(int)t], x);
			else
				csf_buf_fixed(&x_text, x, 1);
			csf_buf_lit(b, "<line x1=\"");
			csf_buf_put(b, x_text.p, x_text.n);
			csf_buf_lit(b, "\" y1=\"");
			put_row_y(b, row_top, i, y + 1);
			csf_buf_lit(b, "\" x2=\"");
			csf_buf_put(b, x_text.p, x_text.n);
			csf_buf_lit(b, "\" y2=\"");
			put_row_y(b, row_bottom, i, y + 21);
			csf_buf_lit(b, "\" stroke=\"#333333\" stroke-width=\"2\"/>\n");
			csf_buf_free(&x_text);
		}
	}
	if (bs->target) {
		/* The legend: what each colour and the line mean. */
		static const struct { const char *colour, *id; } keys[] = {
			{ "#7cb987", "legend_at" }, { "#f2d15c", "legend_short" }, { "#e88aa5", "legend_far" } };
		double ly = h - 18, lx = 16;
		for (int i = 0; i < 3; i++) {
			svgf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>\n", lx, ly, keys[i].colour);
			svgf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" " FONT ">", lx + 18, ly + 9);
			csf_buf_html(b, csf_label(keys[i].id));
			csf_buf_lit(b, "</text>\n");
			lx += 24 + text_px(csf_label(keys[i].id), 11);
		}
		svgf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\" stroke-width=\"2\"/>\n",
		    lx + 4, ly - 2, lx + 4, ly + 12);
		svgf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" " FONT ">", lx + 10, ly + 9);
		csf_buf_html(b, csf_label("legend_target"));
		csf_buf_lit(b, "</text>\n");
	}
	notes_draw(b, bs->notes, w, h);
	free(widths);
	svg_close(b);
}

static void
svg_heatmap(csf_buf *b, const struct csf_heatmap *m, int standalone)
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
	svg_open(b, w, h, standalone, m->title);
	for (size_t c = 0; c < m->ncols; c++) {
		double x = x0 + cellw * ((double)c + 0.5);
		svgf(b, "<text x=\"%f\" y=\"%f\" font-size=\"%d\" transform=\"rotate(-45 %f %f)\" " FONT ">",
		    x, y0 - 6, size, x, y0 - 6);
		put_label(b, m->collabels[c], 24);
		csf_buf_lit(b, "</text>\n");
	}
	for (size_t r = 0; r < m->nrows; r++) {
		double y = y0 + cellh * (double)r;
		svgf(b, "<text x=\"%f\" y=\"%f\" font-size=\"%d\" text-anchor=\"end\" " FONT ">",
		    x0 - 8, y + 18, size);
		put_label(b, m->rowlabels[r], (size_t)(240 / (size * 0.55)));
		csf_buf_lit(b, "</text>\n");
		for (size_t c = 0; c < m->ncols; c++) {
			double v = m->v[r * m->ncols + c], x = x0 + cellw * (double)c;
			char colour[8] = "#f4f4f4";
			if (!isnan(v))
				csf_svg_scale_colour(v, m->lo, m->hi, colour);
			svgf(b, "<rect x=\"%f\" y=\"%f\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#ffffff\"/>\n",
			    x, y, cellw, cellh, colour);
			if (!isnan(v))
			{
				svgf(b, "<text x=\"%f\" y=\"%f\" font-size=\"12\" text-anchor=\"middle\" " FONT ">",
				    x + cellw / 2, y + 18);
				csf_buf_fixed(b, v, m->decimals);
				csf_buf_lit(b, "</text>\n");
			}
		}
	}
	/* The legend: the colour scale from low to high, with its ends. */
	{
		double ly = h - 26, lx = 16;
		for (int i = 0; i <= 10; i++) {
			char colour[8];
			csf_svg_scale_colour(m->lo + (m->hi - m->lo) * i / 10.0, m->lo, m->hi, colour);
			svgf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"12\" fill=\"%s\"/>\n",
			    lx + 40 + 14.0 * i, ly, colour);
		}
		svgf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" " FONT ">%g</text>\n", lx + 36, ly + 10, m->lo);
		svgf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" " FONT ">%g  ", lx + 40 + 14.0 * 11 + 4, ly + 10, m->hi);
		csf_buf_html(b, csf_label("legend_scale"));
		csf_buf_lit(b, "</text>\n");
	}
	svg_close(b);
}


/* The charts gathered in memory, written with one fwrite. */
void
csf_svg_radar(FILE *f, const struct csf_radar *r, int standalone)
{
	csf_buf b = { 0 };
	svg_radar(&b, r, standalone);
	csf_buf_write(&b, f);
	csf_buf_free(&b);
}

void
csf_svg_bars(FILE *f, const struct csf_bars *bars, int standalone)
{
	csf_buf b = { 0 };
	csf_svg_bars_buf(&b, bars, standalone);
	csf_buf_write(&b, f);
	csf_buf_free(&b);
}

void
csf_svg_heatmap(FILE *f, const struct csf_heatmap *m, int standalone)
{
	csf_buf b = { 0 };
	svg_heatmap(&b, m, standalone);
	csf_buf_write(&b, f);
	csf_buf_free(&b);
}
