/* render_md.c - Markdown: a heading and a pipe table per section. Cells
 * go through csf_put_md, so data never turns into markup. */
#include <stdlib.h>

#include "render/render.h"

static int
md_begin(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i)
{
	FILE *f = ctx;
	if (i > 0)
		putc('\n', f);
	fputs("## ", f);
	csf_put_md(f, s->title);
	fprintf(f, " (%zu)\n", s->nrows);
	if (s->ncols == 0)
		return 0;
	fputs("\n|", f);
	for (size_t c = 0; c < s->ncols; c++) {
		putc(' ', f);
		csf_put_md(f, csf_tab_header(t, s, c));
		fputs(" |", f);
	}
	fputs("\n|", f);
	for (size_t c = 0; c < s->ncols; c++)
		fputs(s->cols[c].numeric ? " ---: |" : " --- |", f);
	putc('\n', f);
	return 0;
}

static int
md_row(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r)
{
	(void)t;
	FILE *f = ctx;
	if (s->ncols == 0)
		return 0;
	putc('|', f);
	for (size_t c = 0; c < s->ncols; c++) {
		putc(' ', f);
		csf_put_md(f, r->cells[c].text);
		fputs(" |", f);
	}
	putc('\n', f);
	return 0;
}

int
csf_render_md(csf_tab *t, FILE *f, const struct csf_render_opts *o)
{
	(void)o;
	static const struct csf_tab_backend b = { md_begin, md_row, NULL };
	return csf_tab_each(t, &b, f);
}
