/* render_md.c - Markdown: a heading and a pipe table per record type.
 * Cells go through csf_put_md, so data never turns into markup. */
#include <stdlib.h>

#include "render/render.h"

static void
render_group(const csf_group *g, FILE *f)
{
	size_t ncols = json_array_size(g->columns), nrows = json_array_size(g->records);
	fputs("## ", f);
	csf_put_md(f, *g->type ? g->type : "-");
	fprintf(f, " (%zu)\n", nrows);
	if (ncols == 0)
		return;
	putc('\n', f);
	int *numeric = xcalloc(ncols, sizeof *numeric);
	for (size_t c = 0; c < ncols; c++) {
		/* Right-aligned when every value present is a number. */
		int seen = 0, other = 0;
		for (size_t r = 0; r < nrows && !other; r++) {
			json_t *v = csf_path_get(json_array_get(g->records, r),
			    json_string_value(json_array_get(g->columns, c)));
			seen |= json_is_number(v);
			other |= v && !json_is_null(v) && !json_is_number(v);
		}
		numeric[c] = seen && !other;
	}
	putc('|', f);
	for (size_t c = 0; c < ncols; c++) {
		putc(' ', f);
		csf_put_md(f, json_string_value(json_array_get(g->columns, c)));
		fputs(" |", f);
	}
	fputs("\n|", f);
	for (size_t c = 0; c < ncols; c++)
		fputs(numeric[c] ? " ---: |" : " --- |", f);
	putc('\n', f);
	for (size_t r = 0; r < nrows; r++) {
		json_t *rec = json_array_get(g->records, r);
		putc('|', f);
		for (size_t c = 0; c < ncols; c++) {
			csf_cell cell;
			csf_cell_of(csf_path_get(rec, json_string_value(json_array_get(g->columns, c))), &cell);
			putc(' ', f);
			csf_put_md(f, cell.text);
			fputs(" |", f);
			csf_cell_free(&cell);
		}
		putc('\n', f);
	}
	free(numeric);
}

void
csf_render_md(const csf_doc *d, FILE *f, const struct csf_render_opts *o)
{
	(void)o;
	for (size_t i = 0; i < d->ngroups; i++) {
		if (i > 0)
			putc('\n', f);
		render_group(&d->groups[i], f);
	}
}
