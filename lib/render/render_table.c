/* render_table.c - aligned columns for a terminal: one table per record
 * type, widths measured in display columns so Japanese text lines up,
 * numbers right-aligned, control characters shown as escapes. */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

/* Terminal-safe text of a cell, cut to max_width columns with "...". */
static char *
cell_text(const char *raw, size_t max_width, size_t *width)
{
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
	while (n-- > 0)
		putc(' ', f);
}

static void
render_group(const csf_group *g, FILE *f, size_t max_width)
{
	size_t ncols = json_array_size(g->columns), nrows = json_array_size(g->records);
	fprintf(f, "%s (%zu)\n", *g->type ? g->type : "-", nrows);
	if (ncols == 0)
		return;
	char **text = xcalloc((nrows + 1) * ncols, sizeof *text);
	size_t *cw = xcalloc((nrows + 1) * ncols, sizeof *cw);
	size_t *width = xcalloc(ncols, sizeof *width);
	int *numeric = xcalloc(ncols, sizeof *numeric);

	for (size_t c = 0; c < ncols; c++) {
		text[c] = cell_text(json_string_value(json_array_get(g->columns, c)), max_width, &cw[c]);
		width[c] = cw[c];
		numeric[c] = -1;   /* unknown until a value is seen */
	}
	for (size_t r = 0; r < nrows; r++) {
		json_t *rec = json_array_get(g->records, r);
		for (size_t c = 0; c < ncols; c++) {
			csf_cell cell;
			csf_cell_of(csf_path_get(rec, json_string_value(json_array_get(g->columns, c))), &cell);
			/* Right-aligned when every value present is a number. */
			if (cell.kind == CSF_CELL_NUMBER && numeric[c] != 0)
				numeric[c] = 1;
			else if (cell.kind != CSF_CELL_EMPTY)
				numeric[c] = 0;
			size_t i = (r + 1) * ncols + c;
			text[i] = cell_text(cell.text, max_width, &cw[i]);
			if (cw[i] > width[c])
				width[c] = cw[i];
			csf_cell_free(&cell);
		}
	}
	for (size_t c = 0; c < ncols; c++)
		numeric[c] = numeric[c] == 1;
	for (size_t r = 0; r <= nrows; r++) {
		size_t pending = 0;   /* spaces written only if text follows: no trailing blanks */
		for (size_t c = 0; c < ncols; c++) {
			size_t i = r * ncols + c, gap = width[c] - cw[i];
			if (c > 0)
				pending += 2;
			if (numeric[c])
				pending += gap;
			if (*text[i]) {
				pad(f, pending);
				pending = 0;
				fputs(text[i], f);
			}
			if (!numeric[c])
				pending += gap;
		}
		putc('\n', f);
		if (r == 0) {
			for (size_t c = 0; c < ncols; c++) {
				if (c > 0)
					fputs("  ", f);
				for (size_t k = 0; k < width[c]; k++)
					putc('-', f);
			}
			putc('\n', f);
		}
	}
	for (size_t i = 0; i < (nrows + 1) * ncols; i++)
		free(text[i]);
	free(text);
	free(cw);
	free(width);
	free(numeric);
}

void
csf_render_table(const csf_doc *d, FILE *f, const struct csf_render_opts *o)
{
	for (size_t i = 0; i < d->ngroups; i++) {
		if (i > 0)
			putc('\n', f);
		render_group(&d->groups[i], f, o->max_width);
	}
}
