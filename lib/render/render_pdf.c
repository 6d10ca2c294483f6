/* render_pdf.c - the report as an A4 PDF, drawn with cairo and laid out
 * with pango (so Japanese text wraps and finds its font through
 * fontconfig, IPAGothic on Debian), no browser needed: a summary page,
 * the organisation, one page per result sheet (カルテ) and each person
 * from a new page. Charts are drawn on the page, not pictures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "render/render_dl.h"
#include "render/render_report.h"

/* cairo and pango, opened when pdf is asked for
 * (render_dl.h says why). */
#define PDF_CALLS(X) \
	X(cairo_create) X(cairo_destroy) X(cairo_fill) \
	X(cairo_line_to) X(cairo_move_to) X(cairo_pdf_surface_create_for_stream) \
	X(cairo_pdf_surface_set_metadata) X(cairo_recording_surface_create) X(cairo_rectangle) \
	X(cairo_restore) X(cairo_save) X(cairo_scale) X(cairo_set_dash) \
	X(cairo_set_line_width) X(cairo_set_source_rgb) X(cairo_show_page) \
	X(cairo_status_to_string) X(cairo_stroke) X(cairo_surface_destroy) \
	X(cairo_surface_finish) X(cairo_surface_status) X(g_object_unref) \
	X(pango_cairo_create_layout) X(pango_cairo_font_map_set_default) \
	X(pango_cairo_show_layout) X(pango_font_description_free) \
	X(pango_font_description_from_string) X(pango_font_description_set_absolute_size) \
	X(pango_font_description_set_weight) X(pango_layout_get_size) \
	X(pango_layout_set_alignment) X(pango_layout_set_font_description) \
	X(pango_layout_set_text) X(pango_layout_set_width) X(pango_layout_set_wrap)
#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer's documented hook: what fontconfig keeps of its
 * configuration until exit is the library's, not a leak of ours. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

#ifndef PANGOCAIRO_SONAME
#define PANGOCAIRO_SONAME "libpangocairo-1.0.so.0"
#endif

static struct {
#define PDF_MEMBER(f) __typeof__(f) *f;
	PDF_CALLS(PDF_MEMBER)
#undef PDF_MEMBER
} pdflib;

void
csf_pdf_load(void)
{
	static int loaded;
#define PDF_SYM(f) { #f, &pdflib.f },
	static const struct csf_dl_sym syms[] = { PDF_CALLS(PDF_SYM) };
#undef PDF_SYM
	static const char *const libs[] = { PANGOCAIRO_SONAME, "libpango-1.0.so.0",
		"libcairo.so.2", "libgobject-2.0.so.0" };
	if (!loaded)
		csf_dl_need("pdf", libs, sizeof libs / sizeof *libs, "libpangocairo-1.0-0", syms,
		            sizeof syms / sizeof *syms);
	loaded = 1;
}

#define L csf_label
#define PAGE_W 595.28      /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 40.0
#define FONT "IPAGothic, Noto Sans CJK JP, sans-serif"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	double y;          /* next line's top */
	int blank;         /* nothing on this page yet */
	int ids;
	double pw, ph;     /* the page in drawing units (smaller when scaled up) */
	int probe;         /* measuring only: a page break is an overflow */
	int overflow;
};

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, (FILE *)closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
new_page(struct pdf *p)
{
	if (p->probe)
		p->overflow |= !p->blank;
	else if (!p->blank)
		pdflib.cairo_show_page(p->cr);
	p->y = MARGIN;
	p->blank = 1;
}

static void
colour(cairo_t *cr, unsigned rgb)
{
	pdflib.cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

static PangoLayout *
layout(struct pdf *p, const char *text, double size, int bold, double width)
{
	PangoLayout *l = pdflib.pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pdflib.pango_font_description_from_string(FONT);
	pdflib.pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pdflib.pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pdflib.pango_layout_set_font_description(l, fd);
	pdflib.pango_font_description_free(fd);
	if (width > 0) {
		pdflib.pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pdflib.pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pdflib.pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_h(PangoLayout *l)
{
	int w, h;
	pdflib.pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double
layout_w(PangoLayout *l)
{
	int w, h;
	pdflib.pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* Text at (x, y) without moving the flow; align -1 left, 0 centre, 1 right of x. */
static void
text_at(struct pdf *p, const char *s, double x, double y, double size, int align, unsigned rgb)
{
	PangoLayout *l = layout(p, s, size, 0, 0);
	double w = layout_w(l);
	colour(p->cr, rgb);
	pdflib.cairo_move_to(p->cr, align < 0 ? x : align == 0 ? x - w / 2 : x - w, y);
	pdflib.pango_cairo_show_layout(p->cr, l);
	pdflib.g_object_unref(l);
}

/* A paragraph in the flow, wrapped to the page; a new page if it does not fit. */
static void
para(struct pdf *p, const char *s, double size, int bold, unsigned rgb, double indent, double after)
{
	if (!s || !*s)
		return;
	PangoLayout *l = layout(p, s, size, bold, p->pw - 2 * MARGIN - indent);
	double h = layout_h(l);
	if (p->y + h > p->ph - MARGIN && !p->blank)
		new_page(p);
	colour(p->cr, rgb);
	pdflib.cairo_move_to(p->cr, MARGIN + indent, p->y);
	pdflib.pango_cairo_show_layout(p->cr, l);
	pdflib.g_object_unref(l);
	p->y += h + after;
	p->blank = 0;
}

static void
heading(struct pdf *p, const char *s, int level)
{
	double size = level == 1 ? 17 : level == 2 ? 13.5 : 11;
	if (p->y + size * 3 > p->ph - MARGIN)
		new_page(p);
	if (level == 2) {
		colour(p->cr, 0x1565c0);
		pdflib.cairo_rectangle(p->cr, MARGIN, p->y + 1, 4, size * 1.25);
		pdflib.cairo_fill(p->cr);
		PangoLayout *l = layout(p, s, size, 1, p->pw - 2 * MARGIN - 10);
		colour(p->cr, 0x222222);
		pdflib.cairo_move_to(p->cr, MARGIN + 10, p->y);
		pdflib.pango_cairo_show_layout(p->cr, l);
		p->y += layout_h(l) + 5;
		pdflib.g_object_unref(l);
		p->blank = 0;
		return;
	}
	para(p, s, size, 1, level == 1 ? 0x0d47a1 : 0x222222, 0, level == 1 ? 6 : 3);
	if (level == 1) {
		colour(p->cr, 0x1565c0);
		pdflib.cairo_rectangle(p->cr, MARGIN, p->y - 3, p->pw - 2 * MARGIN, 2);
		pdflib.cairo_fill(p->cr);
		p->y += 6;
	}
}

/* "label: value" lines. */
static void
fact(struct pdf *p, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	size_t n = strlen(label) + strlen(value) + 4;
	char *s = xmalloc(n);
	snprintf(s, n, "%s: %s", label, value);
	para(p, s, 9.5, 0, 0x222222, 0, 1.5);
	free(s);
}

/* ---- tables: given column widths (fractions of the page), rows wrap,
 * a row that does not fit starts a new page under the header again ---- */
struct table {
	size_t ncols;
	double w[24];
	double size;
	char **header;
};

static double
row_height(struct pdf *p, const struct table *t, char **cells, int bold)
{
	double h = 0, width = p->pw - 2 * MARGIN;
	for (size_t c = 0; c < t->ncols; c++) {
		PangoLayout *l = layout(p, cells[c] ? cells[c] : "", t->size, bold, t->w[c] * width - 4);
		double lh = layout_h(l);
		pdflib.g_object_unref(l);
		if (lh > h)
			h = lh;
	}
	return h + 3;
}

static void
draw_row(struct pdf *p, const struct table *t, char **cells, const unsigned *fill, const int *right, int bold)
{
	double width = p->pw - 2 * MARGIN, h = row_height(p, t, cells, bold);
	if (p->y + h > p->ph - MARGIN && !p->blank) {
		new_page(p);
		if (t->header && cells != t->header)
			draw_row(p, t, t->header, NULL, NULL, 1);
	}
	double x = MARGIN;
	for (size_t c = 0; c < t->ncols; c++) {
		double cw = t->w[c] * width;
		unsigned bg = bold ? 0xeef2f7 : fill ? fill[c] : 0xffffff;
		colour(p->cr, bg);
		pdflib.cairo_rectangle(p->cr, x, p->y, cw, h);
		pdflib.cairo_fill(p->cr);
		colour(p->cr, 0xbbbbbb);
		pdflib.cairo_set_line_width(p->cr, 0.5);
		pdflib.cairo_rectangle(p->cr, x, p->y, cw, h);
		pdflib.cairo_stroke(p->cr);
		PangoLayout *l = layout(p, cells[c] ? cells[c] : "", t->size, bold, cw - 4);
		if (right && right[c])
			pdflib.pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		colour(p->cr, 0x222222);
		pdflib.cairo_move_to(p->cr, x + 2, p->y + 1.5);
		pdflib.pango_cairo_show_layout(p->cr, l);
		pdflib.g_object_unref(l);
		x += cw;
	}
	p->y += h;
	p->blank = 0;
}

static char *
numtext(double x, int decimals)
{
	char buf[64];
	if (isnan(x))
		buf[0] = '\0';
	else
		snprintf(buf, sizeof buf, "%.*f", decimals, csf_round(x, decimals));
	return xstrdup(buf);
}

static char *
jnum(const json_t *rec, const char *key, int decimals)
{
	json_t *v = json_object_get(rec, key);
	return numtext(json_is_number(v) ? json_number_value(v) : NAN, decimals);
}

static void
free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
}

/* "R03 監視" with --ids, else the name alone (the ID when there is none). */
static char *
named(const struct pdf *p, const char *what, const char *id)
{
	const char *name = csf_name_of(what, id);
	if (!*name)
		return xstrdup(id ? id : "");
	if (!p->ids)
		return xstrdup(name);
	size_t n = strlen(id) + strlen(name) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s %s", id, name);
	return s;
}

static char *
joined(const struct pdf *p, const json_t *v, const char *what)
{
	size_t cap = 64, used = 0, i;
	char *s = xmalloc(cap);
	s[0] = '\0';
	json_t *x;
	json_t *arr = json_is_array(v) ? (json_t *)v : NULL;
	size_t n = arr ? json_array_size(arr) : json_is_string(v) ? 1 : 0;
	for (i = 0; i < n; i++) {
		x = arr ? json_array_get(arr, i) : (json_t *)v;
		if (!json_is_string(x))
			continue;
		char *one = what ? named(p, what, json_string_value(x)) : xstrdup(json_string_value(x));
		const char *sep = used ? L("list_sep") : "";
		size_t need = used + strlen(sep) + strlen(one) + 1;
		if (need > cap) {
			cap = 2 * need;
			s = xrealloc(s, cap);
		}
		used += (size_t)sprintf(s + used, "%s%s", sep, one);
		free(one);
	}
	return s;
}

/* ---- charts ---- */

static void
radar(struct pdf *p, const struct csf_karte *k, const struct csf_axes *ax, double size)
{
	static const unsigned colours[] = { 0x757575, 0xef6c00, 0x1565c0, 0x2e7d32 };
	size_t n = ax->n;
	if (n < 3)
		return;
	double legend_w = 150, R = size / 2 - 26, cx = MARGIN + (p->pw - 2 * MARGIN - legend_w) / 2, cy = p->y + size / 2;
	cairo_t *cr = p->cr;
	pdflib.cairo_set_line_width(cr, 0.6);
	int lo, top;
	csf_karte_scale(&lo, &top);
	for (int ring = 1; ring <= top; ring++) {
		double rr = ring / (double)top * R;
		colour(cr, 0xd0d0d0);
		for (size_t i = 0; i <= n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * (double)(i % n) / (double)n;
			if (i == 0)
				pdflib.cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
			else
				pdflib.cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
		}
		pdflib.cairo_stroke(cr);
		char t[12];   /* any int, so the sanitizer build sees no truncation */
		snprintf(t, sizeof t, "%d", ring);
		text_at(p, t, cx + 2, cy - rr - 8, 6.5, -1, 0x888888);
	}
	for (size_t i = 0; i < n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
		colour(cr, 0xd0d0d0);
		pdflib.cairo_move_to(cr, cx, cy);
		pdflib.cairo_line_to(cr, cx + R * cos(a), cy + R * sin(a));
		pdflib.cairo_stroke(cr);
		char *lab = csf_labelf("dir_short", ax->nos[i]);
		double lx = cx + (R + 12) * cos(a), ly = cy + (R + 12) * sin(a) - 5;
		text_at(p, lab, lx, ly, 8, fabs(cos(a)) < 0.2 ? 0 : cos(a) > 0 ? -1 : 1, 0x222222);
		free(lab);
	}
	size_t ns = k->nbench + 1;
	for (size_t s = 0; s < ns; s++) {
		const double *v = s < k->nbench ? k->bench[s].v : k->own;
		const char *cls = s < k->nbench ? k->bench[s].cls : NULL;
		unsigned c = s == k->nbench ? 0xc62828 : colours[!cls ? 0 : !strcmp(cls, "C") ? 1 : !strcmp(cls, "B") ? 2 : 3];
		for (size_t i = 0; i <= n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * (double)(i % n) / (double)n;
			double t = isnan(v[i % n]) ? 0 : v[i % n] / top;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			if (i == 0)
				pdflib.cairo_move_to(cr, cx + t * R * cos(a), cy + t * R * sin(a));
			else
				pdflib.cairo_line_to(cr, cx + t * R * cos(a), cy + t * R * sin(a));
		}
		colour(cr, c);
		if (s == k->nbench) {
			pdflib.cairo_set_line_width(cr, 2);
			pdflib.cairo_set_dash(cr, NULL, 0, 0);
		} else {
			double dash[] = { 4, 2 };
			pdflib.cairo_set_line_width(cr, 1);
			pdflib.cairo_set_dash(cr, dash, 2, 0);
		}
		pdflib.cairo_stroke(cr);
		pdflib.cairo_set_dash(cr, NULL, 0, 0);
		/* The legend on the right, one entry a line. */
		double lx = p->pw - MARGIN - legend_w, ly = p->y + 20 + 14 * (double)s;
		colour(cr, c);
		pdflib.cairo_set_line_width(cr, s == k->nbench ? 2 : 1);
		pdflib.cairo_move_to(cr, lx, ly + 5);
		pdflib.cairo_line_to(cr, lx + 18, ly + 5);
		pdflib.cairo_stroke(cr);
		char *name = s == k->nbench ? xstrdup(k->subject) : cls ? csf_labelf("class_mean", cls) : xstrdup(L("overall"));
		text_at(p, name, lx + 22, ly, 7.5, -1, 0x222222);
		free(name);
	}
	p->y += size + 4;
	p->blank = 0;
}

/* A person's levels against targets: one thin bar per item. */
static void
bars(struct pdf *p, const struct csf_person *pe)
{
	const json_t *src = json_array_size(pe->items) ? pe->items : pe->gaps;
	size_t n = json_array_size(src);
	if (n == 0)
		return;
	double row = n > 40 ? 9 : 11, labelw = 190, barw = p->pw - 2 * MARGIN - labelw - 30, hi = 4;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(json_array_get(src, i), "target");
		if (json_is_number(v) && json_number_value(v) > hi)
			hi = json_number_value(v) > 10 ? 10 : ceil(json_number_value(v));
	}
	/* Legend first: what the colours and the line mean. */
	static const struct { unsigned c; const char *id; } legend[] = {
		{ 0x7cb987, "legend_at" }, { 0xf2d15c, "legend_short" }, { 0xe88aa5, "legend_far" } };
	if (p->y + 14 + row * 4 > p->ph - MARGIN)
		new_page(p);
	double lx = MARGIN;
	for (int i = 0; i < 3; i++) {
		colour(p->cr, legend[i].c);
		pdflib.cairo_rectangle(p->cr, lx, p->y + 2, 10, 7);
		pdflib.cairo_fill(p->cr);
		text_at(p, L(legend[i].id), lx + 13, p->y, 7, -1, 0x222222);
		lx += 110;
	}
	colour(p->cr, 0x333333);
	pdflib.cairo_set_line_width(p->cr, 1.5);
	pdflib.cairo_move_to(p->cr, lx + 4, p->y);
	pdflib.cairo_line_to(p->cr, lx + 4, p->y + 10);
	pdflib.cairo_stroke(p->cr);
	text_at(p, L("legend_target"), lx + 9, p->y, 7, -1, 0x222222);
	p->y += 14;
	for (size_t i = 0; i < n; i++) {
		if (p->y + row > p->ph - MARGIN)
			new_page(p);
		json_t *rec = json_array_get(src, i);
		const char *item = csf_str(rec, "item");
		char *text = csf_short(csf_name_of("item", item), 34);
		size_t ln = strlen(text) + (item ? strlen(item) : 0) + 2;
		char *label = xmalloc(ln);
		snprintf(label, ln, "%s %s", item ? item : "?", text);
		text_at(p, label, MARGIN + labelw - 4, p->y, row * 0.68, 1, 0x222222);
		free(label);
		free(text);
		json_t *cv = json_object_get(rec, "current"), *tv = json_object_get(rec, "target");
		double v = json_is_number(cv) ? json_number_value(cv) : NAN, t = json_is_number(tv) ? json_number_value(tv) : NAN;
		double x0 = MARGIN + labelw;
		if (!isnan(v)) {
			double len = v / hi * barw;
			len = len < 0 ? 0 : len > barw ? barw : len;
			colour(p->cr, isnan(t) ? 0x6f9fd8 : v >= t ? 0x7cb987 : t - v >= 2 ? 0xe88aa5 : 0xf2d15c);
			pdflib.cairo_rectangle(p->cr, x0, p->y + 1, len, row - 2);
			pdflib.cairo_fill(p->cr);
			/* The value, and the gap by sign, for readers who do not see colour. */
			char val[48];
			if (!isnan(t) && v < t)
				snprintf(val, sizeof val, "%g (%+g)", v, v - t);
			else
				snprintf(val, sizeof val, "%g", v);
			text_at(p, val, x0 + len + 3, p->y, row * 0.62, -1, 0x444444);
		}
		if (!isnan(t)) {
			double x = x0 + (t > hi ? hi : t) / hi * barw;
			colour(p->cr, 0x333333);
			pdflib.cairo_set_line_width(p->cr, 1.5);
			pdflib.cairo_move_to(p->cr, x, p->y);
			pdflib.cairo_line_to(p->cr, x, p->y + row);
			pdflib.cairo_stroke(p->cr);
		}
		p->y += row;
	}
	p->y += 6;
	p->blank = 0;
}

/* ---- sections ---- */

static void
karte_body(struct pdf *p, const struct csf_karte *k, const struct csf_axes *ax)
{
	size_t n = strlen(L("karte")) + strlen(k->subject) + 4;
	char *h = xmalloc(n);
	snprintf(h, n, "%s: %s", L("karte"), k->subject);
	heading(p, h, 1);
	free(h);
	const char *industry = k->profile ? csf_str(k->profile, "industry") : NULL;
	if (!industry && k->maturity)
		industry = csf_str(k->maturity, "industry");
	if (industry) {
		char *s = named(p, "industry", industry);
		fact(p, L("industry"), s);
		free(s);
	}
	const char *cls = k->maturity ? csf_str(k->maturity, "class") : NULL;
	if (cls) {
		char line[256];
		json_t *idx = json_object_get(k->maturity, "index");
		snprintf(line, sizeof line, "%s: %s", L("maturity"), cls);
		para(p, line, 14, 1, 0xb71c1c, 0, 2);
		if (json_is_number(idx)) {
			char *v = numtext(json_number_value(idx), 2);
			const char *rule = csf_str(k->maturity, "rule");
			snprintf(line, sizeof line, "%s: %s%s%s%s", L("index"), v,
			    rule && !strcmp(rule, "inferred") ? " (" : "", rule && !strcmp(rule, "inferred") ? L("rule_inferred") : "",
			    rule && !strcmp(rule, "inferred") ? ")" : "");
			para(p, line, 9, 0, 0x444444, 0, 2);
			free(v);
		}
	}
	/* 偏差値 within its cohort (n always), and the check set answered. */
	char *dev = csf_karte_deviation(k);
	fact(p, L("deviation"), dev);
	free(dev);
	fact(p, L("generation"), csf_karte_generation(k));
	if (k->bench_set) {
		const char *t = csf_name_of("benchmark", k->bench_set);
		char line[512];
		snprintf(line, sizeof line, "%s%s%s%s", *t ? t : k->bench_set,
		    k->bench_version ? " (" : "", k->bench_version ? k->bench_version : "", k->bench_version ? ")" : "");
		fact(p, L("benchmark"), line);
	}
	p->y += 4;
	/* The directive table. */
	heading(p, L("dir_table"), 3);
	struct table t = { ax->n + 1, { 0 }, 7.5, NULL };
	t.w[0] = 0.2;
	for (size_t a = 0; a < ax->n && a < 23; a++)
		t.w[a + 1] = 0.8 / (double)ax->n;
	if (t.ncols > 24)
		t.ncols = 24;
	char *cells[24] = { 0 };
	int right[24];
	unsigned fill[24];
	for (size_t c = 0; c < 24; c++)
		right[c] = c > 0;
	cells[0] = xstrdup("");
	for (size_t a = 0; a + 1 < t.ncols; a++)
		cells[a + 1] = csf_labelf("dir_short", ax->nos[a]);
	draw_row(p, &t, cells, NULL, NULL, 1);
	free_cells(cells, t.ncols);
	cells[0] = xstrdup(k->subject);
	for (size_t a = 0; a + 1 < t.ncols; a++) {
		cells[a + 1] = numtext(k->own[a], 1);
		int band = isnan(k->own[a]) ? CSF_BAND_NONE : csf_band_of_mean(k->own[a]);
		fill[a + 1] = band == CSF_BAND_LOW ? 0xf8c8d8 : band == CSF_BAND_MID ? 0xfff2a8 : 0xffffff;
	}
	fill[0] = 0xffffff;
	draw_row(p, &t, cells, fill, right, 0);
	free_cells(cells, t.ncols);
	for (size_t b = 0; b < k->nbench; b++) {
		cells[0] = k->bench[b].cls ? csf_labelf("class_mean", k->bench[b].cls) : xstrdup(L("overall"));
		for (size_t a = 0; a + 1 < t.ncols; a++)
			cells[a + 1] = numtext(k->bench[b].v[a], 1);
		draw_row(p, &t, cells, NULL, right, 0);
		free_cells(cells, t.ncols);
	}
	int has_dev = 0;
	for (size_t a = 0; a < ax->n; a++)
		has_dev |= !isnan(k->dev[a]);
	if (has_dev) {
		cells[0] = xstrdup(L("deviation"));
		for (size_t a = 0; a + 1 < t.ncols; a++)
			cells[a + 1] = numtext(k->dev[a], 1);
		draw_row(p, &t, cells, NULL, right, 0);
		free_cells(cells, t.ncols);
	}
	if (k->has_gap) {
		cells[0] = k->target && !strcmp(k->target, "5") ? xstrdup(L("gap_to_5")) : csf_labelf("gap_to", k->target ? k->target : "?");
		for (size_t a = 0; a + 1 < t.ncols; a++) {
			char buf[32] = "";
			if (!isnan(k->gap[a]))
				snprintf(buf, sizeof buf, "%s%.1f", k->flag[a] == 2 ? "!! " : k->flag[a] == 1 ? "! " : "",
				    csf_round(k->gap[a], 1));
			cells[a + 1] = xstrdup(buf);
			fill[a + 1] = k->flag[a] == 2 ? 0xf8c8d8 : k->flag[a] == 1 ? 0xfff2a8 : 0xffffff;
		}
		draw_row(p, &t, cells, fill, right, 0);
		free_cells(cells, t.ncols);
	}
	/* Directive names, which the table's columns only number. */
	p->y += 3;
	for (size_t a = 0; a < ax->n; a++) {
		char *lab = csf_labelf("dir_short", ax->nos[a]);
		size_t m = strlen(lab) + strlen(ax->names[a]) + 3;
		char *s = xmalloc(m);
		snprintf(s, m, "%s %s", lab, ax->names[a]);
		double x = MARGIN + (a % 2) * (p->pw - 2 * MARGIN) / 2;
		char *cut = csf_short(s, 58);
		text_at(p, cut, x, p->y, 6.8, -1, 0x333333);
		free(cut);
		free(s);
		free(lab);
		if (a % 2 == 1 || a + 1 == ax->n)
			p->y += 9;
	}
	p->y += 4;
	heading(p, L("radar"), 3);
	radar(p, k, ax, 215);
	if (k->gapsum) {
		heading(p, L("findings"), 3);
		const char *target = csf_str(k->gapsum, "target");
		static const char *const keys[][2] = { { "one_point", "finding.one" }, { "two_points", "finding.two" },
			{ "level5", "finding.level5" }, { "one_point", "finding.level4" } };
		int five = target && !strcmp(target, "5");
		for (int i = five ? 2 : 0; i < (five ? 4 : 2); i++) {
			json_t *ids = json_object_get(k->gapsum, keys[i][0]);
			if (json_array_size(ids) == 0)
				continue;
			json_t *hint = csf_data_find("hint", keys[i][1]);
			const char *frame = csf_text(json_object_get(hint, "text"));
			char *list = joined(p, ids, NULL);
			/* "{d}" the directives, "{c}" the class. */
			size_t cap = strlen(frame) + strlen(list) + 64, used = 0;
			char *s = xmalloc(cap);
			for (const char *q = frame; *q; ) {
				if (!strncmp(q, "{d}", 3) || !strncmp(q, "{c}", 3)) {
					const char *put = q[1] == 'd' ? list : target ? target : "";
					size_t m = strlen(put);
					if (used + m + 1 > cap)
						s = xrealloc(s, cap = 2 * (used + m + 1));
					memcpy(s + used, put, m);
					used += m;
					q += 3;
				} else {
					if (used + 2 > cap)
						s = xrealloc(s, cap *= 2);
					s[used++] = *q++;
				}
			}
			s[used] = '\0';
			if (!*frame) {
				free(s);
				size_t m = strlen(keys[i][1]) + strlen(list) + 3;
				s = xmalloc(m);
				snprintf(s, m, "%s: %s", keys[i][1], list);
			}
			para(p, s, 8.5, 0, 0x222222, 8, 2);
			free(s);
			free(list);
		}
	}
	size_t nh = json_array_size(k->hints);
	if (nh > 0) {
		heading(p, csf_text(json_object_get(json_array_get(k->hints, 0), "heading")), 3);
		size_t i;
		json_t *hint;
		json_array_foreach(k->hints, i, hint) {
			char num[32];
			snprintf(num, sizeof num, "%zu", i + 1);
			char *lab = csf_labelf("hint_n", num);
			const char *text = csf_text(json_object_get(hint, "text"));
			size_t m = strlen(lab) + strlen(text) + 3;
			char *s = xmalloc(m);
			snprintf(s, m, "%s %s", lab, text);
			para(p, s, 8.5, i < 2, 0x222222, 8, 1.5);
			free(s);
			free(lab);
			/* The tips, by title: unfolded, as the page is printed. */
			json_t *tips = json_object_get(hint, "tips");
			size_t j;
			json_t *tip;
			json_array_foreach(tips, j, tip) {
				const char *tid = json_string_value(tip);
				const char *tt = csf_name_of("tip", tid);
				char line[512];
				snprintf(line, sizeof line, "%s %s%s%s", L("tips"), tid ? tid : "", *tt ? ": " : "", tt);
				para(p, line, 7.5, 0, 0x555555, 20, 1);
			}
		}
	}
	if (json_array_size(k->checks) > 0) {
		heading(p, L("checks"), 3);
		/* One line per directive: the answers to its check items. */
		for (size_t a = 0; a < ax->n; a++) {
			char line[1024];
			char *lab = csf_labelf("dir_short", ax->nos[a]);
			size_t used = (size_t)snprintf(line, sizeof line, "%s:", lab);
			free(lab);
			size_t i;
			json_t *c;
			int any = 0;
			json_array_foreach(k->checks, i, c) {
				const char *d = csf_str(c, "directive"), *item = csf_str(c, "item");
				json_t *lv = json_object_get(c, "level");
				if (!d || strcmp(d, ax->ids[a]) || !item || used + 32 >= sizeof line)
					continue;
				used += (size_t)snprintf(line + used, sizeof line - used, " %s=%g", item,
				    json_is_number(lv) ? json_number_value(lv) : NAN);
				any = 1;
			}
			if (any)
				para(p, line, 7, 0, 0x333333, 8, 0.5);
		}
	}
}

/* Who answered, on what and when: the answers that say, as a table after
 * the sheet at full size (it runs on to the next page rather than shrink
 * the sheet when every answer has evidence). */
static void
karte_who(struct pdf *p, const struct csf_karte *k)
{
	struct csf_who w;
	csf_karte_who(&w, k);
	if (w.n > 0) {
		p->y += 4;
		heading(p, L("checks_who"), 3);
		size_t cols = w.dated ? CSF_WHO_COLS : CSF_WHO_COLS - 1;
		struct table t = { cols, { 0.07, 0.07, 0.2, 0.54, 0.12 }, 7.5, NULL };
		if (!w.dated)
			t.w[3] = 0.66;
		char *head[CSF_WHO_COLS] = { xstrdup(L("check")), xstrdup(L("answer")), xstrdup(L("assessor")),
			xstrdup(L("evidence")), xstrdup(L("answer_date")) };
		int right[CSF_WHO_COLS] = { 0, 1, 0, 0, 0 };
		t.header = head;
		draw_row(p, &t, head, NULL, NULL, 1);
		for (size_t r = 0; r < w.n; r++)
			draw_row(p, &t, w.cells + r * CSF_WHO_COLS, NULL, right, 0);
		free_cells(head, CSF_WHO_COLS);
	}
	csf_who_free(&w);
}

/* A result sheet on one page: drawn first where nothing shows, and
 * scaled down until it fits. */
static void
karte_page(struct pdf *p, const struct csf_karte *k, const struct csf_axes *ax)
{
	double scale = 1;
	for (int tries = 0; tries < 8; tries++, scale -= 0.05) {
		struct pdf probe = *p;
		cairo_surface_t *rs = pdflib.cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
		probe.cr = pdflib.cairo_create(rs);
		probe.probe = 1;
		probe.overflow = 0;
		probe.pw = PAGE_W / scale;
		probe.ph = PAGE_H / scale;
		probe.y = MARGIN;
		probe.blank = 1;
		karte_body(&probe, k, ax);
		pdflib.cairo_destroy(probe.cr);
		pdflib.cairo_surface_destroy(rs);
		if (!probe.overflow)
			break;
	}
	new_page(p);
	pdflib.cairo_save(p->cr);
	pdflib.cairo_scale(p->cr, scale, scale);
	p->pw = PAGE_W / scale;
	p->ph = PAGE_H / scale;
	karte_body(p, k, ax);
	pdflib.cairo_restore(p->cr);
	p->pw = PAGE_W;
	p->ph = PAGE_H;
	p->y *= scale;
	karte_who(p, k);
}

static void
person_pages(struct pdf *p, const struct csf_person *pe)
{
	new_page(p);
	char *head;
	const char *name = csf_person_name(pe);
	size_t n = strlen(L("person")) + strlen(name) + strlen(pe->subject) + 8;
	head = xmalloc(n);
	if (strcmp(name, pe->subject))
		snprintf(head, n, "%s: %s (%s)", L("person"), name, pe->subject);
	else
		snprintf(head, n, "%s: %s", L("person"), name);
	heading(p, head, 1);
	free(head);
	const json_t *pr = pe->profile;
	if (pr) {
		fact(p, L("department"), csf_str(pr, "department"));
		char *s = joined(p, json_object_get(pr, "role"), "role");
		fact(p, L("roles"), s);
		free(s);
		s = joined(p, json_object_get(pr, "persona"), "persona");
		fact(p, L("personas"), s);
		free(s);
		p->y += 4;
	}
	size_t i;
	json_t *rec;
	if (json_array_size(pe->summaries) > 0) {
		heading(p, L("summary"), 3);
		struct table t = { 6, { 0.34, 0.13, 0.13, 0.14, 0.12, 0.14 }, 8, NULL };
		char *h[6] = { xstrdup(L("roles")), xstrdup(L("coverage")), xstrdup(L("task_cov")),
			xstrdup(L("ks_cov")), xstrdup(L("mean")), xstrdup(L("answered")) };
		t.header = h;
		int right[6] = { 0, 1, 1, 1, 1, 1 };
		draw_row(p, &t, h, NULL, NULL, 1);
		json_array_foreach(pe->summaries, i, rec) {
			char *c[6];
			int role = csf_str(rec, "kind") && !strcmp(csf_str(rec, "kind"), "role");
			c[0] = role ? named(p, "role", csf_str(rec, "role")) : named(p, "persona", csf_str(rec, "persona"));
			c[1] = jnum(rec, "coverage", 1);
			c[2] = jnum(rec, "task_coverage", 1);
			c[3] = jnum(rec, "ks_coverage", 1);
			c[4] = jnum(rec, "mean", 2);
			json_t *ans = json_object_get(rec, "answered"), *items = json_object_get(rec, "items");
			char buf[64] = "";
			if (json_is_integer(ans) && json_is_integer(items))
				snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT,
				    json_integer_value(ans), json_integer_value(items));
			c[5] = xstrdup(buf);
			draw_row(p, &t, c, NULL, right, 0);
			free_cells(c, 6);
		}
		free_cells(h, 6);
		p->y += 6;
	}
	if (json_array_size(pe->items) + json_array_size(pe->gaps) > 0) {
		heading(p, L("levels"), 3);
		bars(p, pe);
	}
	if (json_array_size(pe->gaps) > 0) {
		heading(p, L("gaps"), 3);
		struct table t = { 7, { 0.08, 0.09, 0.51, 0.08, 0.08, 0.07, 0.09 }, 7.5, NULL };
		char *h[7] = { xstrdup(L("item")), xstrdup(L("class")), xstrdup(L("text")), xstrdup(L("current")),
			xstrdup(L("target")), xstrdup(L("gap")), xstrdup(L("severity")) };
		t.header = h;
		int right[7] = { 0, 0, 0, 1, 1, 1, 0 };
		draw_row(p, &t, h, NULL, NULL, 1);
		json_array_foreach(pe->gaps, i, rec) {
			const char *item = csf_str(rec, "item");
			char *c[7];
			c[0] = xstrdup(item ? item : "");
			c[1] = xstrdup(csf_label_value("class", csf_str(rec, "class")));
			c[2] = xstrdup(csf_name_of("item", item));
			c[3] = jnum(rec, "current", 0);
			c[4] = jnum(rec, "target", 0);
			c[5] = jnum(rec, "gap", 0);
			c[6] = xstrdup(csf_label_value("severity", csf_str(rec, "severity")));
			unsigned fill[7] = { 0xffffff, 0xffffff, 0xffffff, 0xffffff, 0xffffff, 0xffffff, 0xffffff };
			int band = csf_band_of(rec, "current", json_object_get(rec, "current"));
			fill[3] = band == CSF_BAND_LOW ? 0xf8c8d8 : band == CSF_BAND_MID ? 0xfff2a8 : 0xffffff;
			draw_row(p, &t, c, fill, right, 0);
			free_cells(c, 7);
		}
		free_cells(h, 7);
		p->y += 6;
	}
	if (json_array_size(pe->steps) > 0 || pe->plansum) {
		heading(p, L("plan"), 3);
		json_array_foreach(pe->steps, i, rec) {
			const char *rid = csf_str(rec, "resource");
			const char *rname = csf_name_of("resource", rid);
			if (!*rname)
				rname = csf_str(rec, "name") ? csf_str(rec, "name") : rid ? rid : "";
			char hours[64] = "";
			json_t *hv = json_object_get(rec, "hours");
			if (json_is_number(hv)) {
				char num[32];
				snprintf(num, sizeof num, "%g", json_number_value(hv));
				char *hl = csf_labelf(json_number_value(hv) == 1 ? "hour_1" : "hours_n", num);
				snprintf(hours, sizeof hours, " (%s)", hl);
				free(hl);
			}
			char line[1024];
			snprintf(line, sizeof line, "%zu. %s%s", i + 1, rname, hours);
			para(p, line, 8.5, 1, 0x222222, 4, 1);
			char *closes = joined(p, json_object_get(rec, "closes"), NULL);
			char *raises = joined(p, json_object_get(rec, "raises"), NULL);
			char *reason = csf_reason_text(json_object_get(rec, "reason"));
			if (*closes) {
				snprintf(line, sizeof line, "%s: %s", L("closes"), closes);
				para(p, line, 7.5, 0, 0x333333, 16, 0.5);
			}
			if (*raises) {
				snprintf(line, sizeof line, "%s: %s", L("raises"), raises);
				para(p, line, 7.5, 0, 0x333333, 16, 0.5);
			}
			para(p, reason, 7.5, 0, 0x666666, 16, 2);
			free(closes);
			free(raises);
			free(reason);
		}
		if (pe->plansum) {
			char line[256] = "";
			json_t *hv = json_object_get(pe->plansum, "hours");
			json_t *closed = json_object_get(pe->plansum, "closed"), *gaps = json_object_get(pe->plansum, "gaps");
			size_t used = 0;
			if (json_is_number(hv)) {
				char num[32];
				snprintf(num, sizeof num, "%g", json_number_value(hv));
				char *hl = csf_labelf("hours_n", num);
				used += (size_t)snprintf(line, sizeof line, "%s: %s", L("plan_total"), hl);
				free(hl);
			}
			if (json_is_integer(closed) && json_is_integer(gaps))
				snprintf(line + used, sizeof line - used, "; %s: %" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT,
				    L("gaps_closed"), json_integer_value(closed), json_integer_value(gaps));
			para(p, line, 8.5, 0, 0x222222, 4, 2);
		}
	}
}

static void
summary_page(struct pdf *p, const struct csf_render_opts *o, const struct csf_report *r,
    const struct csf_overview *ov)
{
	heading(p, o->title ? o->title : L("title"), 1);
	heading(p, L("overview"), 2);
	if (ov->org)
		fact(p, L("organisation"), ov->org);
	char line[512];
	snprintf(line, sizeof line, "%s%s%s", ov->date, ov->date_from_data ? "" : " ", ov->date_from_data ? "" : L("today"));
	fact(p, L("data_date"), line);
	if (ov->people > 0) {
		char num[32];
		snprintf(num, sizeof num, "%zu", ov->people);
		char *s = csf_labelf(ov->people == 1 ? "n_people_1" : "n_people", num);
		fact(p, L("people_assessed"), s);
		free(s);
	}
	if (ov->items > 0) {
		snprintf(line, sizeof line, "%.1f%% (%ld/%ld)", 100.0 * (double)ov->at_target / (double)ov->items,
		    ov->at_target, ov->items);
		fact(p, L("coverage_total"), line);
	}
	if (ov->ngaps > 0) {
		para(p, L("largest_gaps"), 9.5, 1, 0x222222, 0, 1);
		for (size_t i = 0; i < ov->ngaps && i < 5; i++) {
			char *text = csf_short(csf_name_of("item", ov->gaps[i].item), 60);
			char num[32];
			snprintf(num, sizeof num, "%zu", ov->gaps[i].people);
			char *np = csf_labelf(ov->gaps[i].people == 1 ? "n_people_1" : "n_people", num);
			snprintf(line, sizeof line, "%s %s (%s)", ov->gaps[i].item, text, np);
			para(p, line, 8.5, 0, 0x222222, 10, 1);
			free(np);
			free(text);
		}
	}
	if (json_array_size(r->groups) > 0) {
		snprintf(line, sizeof line, "%zu", ov->nspof);
		char *s = csf_labelf("n_items", line);
		fact(p, L("spof_short"), s);
		free(s);
	}
	if (r->nkarte > 0) {
		/* Each organisation of the management model: class and its first two hints. */
		for (size_t k = 0; k < r->nkarte; k++) {
			const struct csf_karte *kt = &r->karte[k];
			const char *cls = kt->maturity ? csf_str(kt->maturity, "class") : NULL;
			snprintf(line, sizeof line, "%s: %s %s", kt->subject, L("maturity"), cls ? cls : "-");
			para(p, line, 9.5, 1, 0x222222, 0, 1);
			for (size_t h = 0; h < json_array_size(kt->hints) && h < 2 && r->nkarte <= 3; h++) {
				char *t = csf_short(csf_text(json_object_get(json_array_get(kt->hints, h), "text")), 150);
				para(p, t, 8, 0, 0x333333, 10, 1);
				free(t);
			}
		}
	}
	p->y += 6;
}

static void
org_pages(struct pdf *p, const struct csf_report *r)
{
	const struct csf_heat *h = &r->heat;
	if (h->nrows == 0 && json_array_size(r->groups) == 0)
		return;
	heading(p, L("org"), 2);
	if (h->nrows > 0 && h->ncols > 0 && h->ncols < 23) {
		heading(p, L("heat_title"), 3);
		struct table t = { h->ncols + 1, { 0 }, 7, NULL };
		t.w[0] = 0.28;
		for (size_t c = 0; c < h->ncols; c++)
			t.w[c + 1] = 0.72 / (double)h->ncols;
		char *hd[24] = { 0 };
		hd[0] = xstrdup("");
		for (size_t c = 0; c < h->ncols; c++)
			hd[c + 1] = xstrdup(h->cols[c]);
		t.header = hd;
		draw_row(p, &t, hd, NULL, NULL, 1);
		int right[24];
		for (int c = 0; c < 24; c++)
			right[c] = c > 0;
		for (size_t row = 0; row < h->nrows; row++) {
			char *c[24];
			unsigned fill[24];
			c[0] = xstrdup(h->rows[row]);
			fill[0] = 0xffffff;
			for (size_t col = 0; col < h->ncols; col++) {
				double v = h->v[row * h->ncols + col];
				c[col + 1] = numtext(v, 0);
				char hex[8];
				csf_svg_scale_colour(v, 0, 100, hex);
				fill[col + 1] = isnan(v) ? 0xffffff : (unsigned)strtoul(hex + 1, NULL, 16);
			}
			draw_row(p, &t, c, fill, right, 0);
			free_cells(c, h->ncols + 1);
		}
		free_cells(hd, h->ncols + 1);
		para(p, L("heat_note"), 7, 0, 0x666666, 0, 6);
	}
	size_t i;
	json_t *g;
	if (json_array_size(r->groups) > 0) {
		struct table t = { 6, { 0.3, 0.1, 0.12, 0.16, 0.16, 0.16 }, 8, NULL };
		char *hd[6] = { xstrdup(L("group")), xstrdup(L("people")), xstrdup(L("mean")),
			xstrdup(L("coverage")), xstrdup(L("task_cov")), xstrdup(L("ks_cov")) };
		t.header = hd;
		int right[6] = { 0, 1, 1, 1, 1, 1 };
		const char *by = NULL;
		json_array_foreach(r->groups, i, g) {
			const char *gb = csf_str(g, "by");
			if (!gb)
				continue;
			if (!by || strcmp(by, gb)) {
				by = gb;
				char *hh = csf_labelf("by_n", csf_label_value("by", by));
				heading(p, hh, 3);
				free(hh);
				draw_row(p, &t, hd, NULL, NULL, 1);
			}
			char *c[6];
			const char *value = csf_str(g, "value");
			c[0] = !strcmp(by, "role") ? named(p, "role", value) : xstrdup(value ? value : "");
			c[1] = jnum(g, "n", 0);
			c[2] = jnum(g, "mean", 2);
			c[3] = jnum(g, "share_at_target", 1);
			c[4] = jnum(g, "task_coverage", 1);
			c[5] = jnum(g, "ks_coverage", 1);
			draw_row(p, &t, c, NULL, right, 0);
			free_cells(c, 6);
		}
		free_cells(hd, 6);
		p->y += 6;
		/* Single points of failure, a line per group: nothing folded on paper. */
		heading(p, L("spof"), 3);
		json_array_foreach(r->groups, i, g) {
			json_t *list = json_object_get(g, "spof");
			if (json_array_size(list) == 0)
				continue;
			size_t cap = 256, used = 0, j;
			char *s = xmalloc(cap);
			used = (size_t)snprintf(s, cap, "%s (%zu): ", csf_str(g, "value") ? csf_str(g, "value") : "",
			    json_array_size(list));
			json_t *e;
			json_array_foreach(list, j, e) {
				char one[64];
				int m = snprintf(one, sizeof one, "%s%s (%s)", j ? ", " : "", csf_str(e, "item") ? csf_str(e, "item") : "",
				    csf_str(e, "holder") ? csf_str(e, "holder") : "");
				if (used + (size_t)m + 1 > cap)
					s = xrealloc(s, cap = 2 * (used + (size_t)m + 1));
				memcpy(s + used, one, (size_t)m + 1);
				used += (size_t)m;
			}
			para(p, s, 7.5, 0, 0x222222, 6, 2);
			free(s);
		}
	}
}

/* Records no section shows: a heading per kind, as the html report's
 * tables have (render_tab.c: headers, values and IDs in --lang), then a
 * line per record of its filled cells, "header: value; ...". */
static int
rest_begin(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i)
{
	(void)t;
	char h[160];
	snprintf(h, sizeof h, "%s (%zu)", s->title, s->nrows);
	heading(ctx, h, 3);
	(void)i;
	return 0;
}

static int
rest_row(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r)
{
	size_t cap = 256, used = 0;
	char *line = xmalloc(cap);
	line[0] = '\0';
	for (size_t c = 0; c < s->ncols; c++) {
		csf_cell cell = r->cells[c];
		if (cell.kind != CSF_CELL_EMPTY) {
			const char *h = csf_tab_header(t, s, c);
			size_t m = strlen(h) + strlen(cell.text) + 5;
			if (used + m > cap)
				line = xrealloc(line, cap = 2 * (used + m));
			used += (size_t)snprintf(line + used, cap - used, "%s%s: %s", used ? "; " : "", h, cell.text);
		}
	}
	para(ctx, line, 7, 0, 0x333333, 4, 1);
	free(line);
	return 0;
}

static int
rest_end(void *ctx, const csf_tab *t, const struct csf_tab_section *s)
{
	(void)ctx;
	(void)t;
	(void)s;
	return 0;
}

static void
rest_pages(struct pdf *p, const csf_doc *rest)
{
	if (rest->ngroups == 0)
		return;
	new_page(p);
	heading(p, L("other"), 2);
	csf_tab *t = csf_tab_of_doc(rest);
	static const struct csf_tab_backend pdf_lines = { rest_begin, rest_row, rest_end };
	csf_tab_each(t, &pdf_lines, p);
	csf_tab_free(t);
}

int
csf_render_pdf(const csf_doc *d, FILE *f, const struct csf_render_opts *o)
{
	csf_pdf_load();
	struct csf_report *r = csf_report_build(d);
	struct csf_overview ov;
	csf_overview_of_doc(&ov, d, r);

	struct pdf p = { 0 };
	p.ids = o->ids;
	p.pw = PAGE_W;
	p.ph = PAGE_H;
	p.surface = pdflib.cairo_pdf_surface_create_for_stream(write_out, f, PAGE_W, PAGE_H);
	p.cr = pdflib.cairo_create(p.surface);
	const char *title = o->title ? o->title : L("title");
	pdflib.cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title);
	pdflib.cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "csf-render");
	/* A fixed date keeps the bytes the same for the same input. */
	pdflib.cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
	p.y = MARGIN;
	p.blank = 1;
	if (r->nkarte == 1 && r->nperson == 0 && json_array_size(r->groups) == 0) {
		/* One organisation's sheet: the one page is the report. */
		karte_page(&p, &r->karte[0], &r->axes);
	} else {
		summary_page(&p, o, r, &ov);
		org_pages(&p, r);
		for (size_t k = 0; k < r->nkarte; k++)
			karte_page(&p, &r->karte[k], &r->axes);
		for (size_t i = 0; i < r->nperson && !o->summary; i++)
			person_pages(&p, &r->person[i]);
		if (!o->summary)
			rest_pages(&p, r->rest);
		if (csf_doc_count(d) == 0)
			para(&p, L("none"), 10, 0, 0x222222, 0, 0);
	}
	pdflib.cairo_show_page(p.cr);
	pdflib.cairo_destroy(p.cr);
	pdflib.cairo_surface_finish(p.surface);
	cairo_status_t st = pdflib.cairo_surface_status(p.surface);
	pdflib.cairo_surface_destroy(p.surface);
	/* Pango's font map goes; cairo's and fontconfig's caches stay to the
	 * end. Pango sorts fonts on threads of its own that may still hold
	 * them here, so cairo_debug_reset_static_data and FcFini aborted one
	 * run in four on an assertion (the sanitizer build is told of
	 * fontconfig's cache below instead). */
	pdflib.pango_cairo_font_map_set_default(NULL);
	csf_overview_free(&ov);
	csf_report_free(r);
	if (st != CAIRO_STATUS_SUCCESS) {
		csf_warn("pdf: %s", pdflib.cairo_status_to_string(st));
		return 1;
	}
	return 0;
}
