/* render_table.c - aligned columns for a terminal: one table per section,
 * widths measured in display columns so Japanese text lines up, numbers
 * right-aligned, control characters shown as escapes. The widths come
 * from the engine's first pass, so rows are written as they are read. */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

struct table_ctx {
	FILE *f;
	size_t max_width;
	char **texts;     /* a row's cells, kept for the next row */
	size_t *w, cap;
	int *own;
};

/* Terminal-safe text of a cell, cut to max_width columns with "...":
 * raw itself when it is printable ASCII that fits (*own 0), else a new
 * string (*own 1). */
static char *
cell_text(const char *raw, size_t max_width, size_t *width, int *own)
{
	size_t n = csf_printable_ascii(raw);
	*own = raw[n] || (max_width >= 4 && n > max_width);
	if (!*own) {
		*width = n;
		return (char *)raw;
	}
	char *t = csf_term_text(raw);
	size_t w = csf_display_width(t);
	if (max_width >= 4 && w > max_width) {
		size_t keep = csf_width_prefix(t, max_width - 3, &w);
		memcpy(t + keep, "...", 4);
		w += 3;
	}
	*width = w;
	return t;
}

static void
pad(FILE *f, size_t n)
{
	static const char blanks[] = "                                                                ";
	for (; n > sizeof blanks - 1; n -= sizeof blanks - 1)
		fwrite(blanks, 1, sizeof blanks - 1, f);
	fwrite(blanks, 1, n, f);
}

static size_t
col_width(const struct table_ctx *x, const struct csf_tab_col *c)
{
	(void)x;
	return c->width;   /* measured on the cut text */
}

/* One line: texts[c] of display width w[c]; no trailing blanks. */
static void
put_line(const struct table_ctx *x, const struct csf_tab_section *s, char **texts, const size_t *w)
{
	size_t pending = 0;
	for (size_t c = 0; c < s->ncols; c++) {
		/* never below zero: a cell wider than measured must not pad for ever */
		size_t cw = col_width(x, &s->cols[c]);
		size_t gap = cw > w[c] ? cw - w[c] : 0;
		if (c > 0)
			pending += 2;
		if (s->cols[c].numeric)
			pending += gap;
		if (*texts[c]) {
			pad(x->f, pending);
			pending = 0;
			fputs(texts[c], x->f);
		}
		if (!s->cols[c].numeric)
			pending += gap;
	}
	putc('\n', x->f);
}

static int
table_begin(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i)
{
	struct table_ctx *x = ctx;
	if (i > 0)
		putc('\n', x->f);
	fprintf(x->f, "%s (%zu)\n", s->title, s->nrows);
	if (s->ncols == 0)
		return 0;
	char **texts = xcalloc(s->ncols, sizeof *texts);
	size_t *w = xcalloc(s->ncols, sizeof *w);
	int *own = xcalloc(s->ncols, sizeof *own);
	for (size_t c = 0; c < s->ncols; c++)
		texts[c] = cell_text(csf_tab_header(t, s, c), x->max_width, &w[c], &own[c]);
	put_line(x, s, texts, w);
	for (size_t c = 0; c < s->ncols; c++) {
		if (c > 0)
			fputs("  ", x->f);
		for (size_t k = col_width(x, &s->cols[c]); k > 0; k--)
			putc('-', x->f);
		if (own[c])
			free(texts[c]);
	}
	putc('\n', x->f);
	free(texts);
	free(w);
	free(own);
	return 0;
}

static int
table_row(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r)
{
	(void)t;
	struct table_ctx *x = ctx;
	if (s->ncols == 0)
		return 0;
	if (s->ncols > x->cap) {
		x->cap = s->ncols;
		x->texts = xrealloc(x->texts, x->cap * sizeof *x->texts);
		x->w = xrealloc(x->w, x->cap * sizeof *x->w);
		x->own = xrealloc(x->own, x->cap * sizeof *x->own);
	}
	for (size_t c = 0; c < s->ncols; c++)
		x->texts[c] = cell_text(r->cells[c].text, x->max_width, &x->w[c], &x->own[c]);
	put_line(x, s, x->texts, x->w);
	for (size_t c = 0; c < s->ncols; c++)
		if (x->own[c])
			free(x->texts[c]);
	return 0;
}

int
csf_render_table(csf_tab *t, FILE *f, const struct csf_render_opts *o)
{
	struct table_ctx x = { f, o->max_width, NULL, NULL, 0, NULL };
	static const struct csf_tab_backend b = { table_begin, table_row, NULL };
	int status = csf_tab_each(t, &b, &x);
	free(x.texts);
	free(x.w);
	free(x.own);
	return status;
}
