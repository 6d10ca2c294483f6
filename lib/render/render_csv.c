/* render_csv.c - CSV (RFC 4180, CRLF) and TSV (LF) for spreadsheets and
 * analysts: a header row, then one row per record; with several sections
 * each starts with a line holding its title, after an empty line. Strings
 * go through csf_put_csv (quoting, formula neutralising); numbers are
 * written bare so a spreadsheet reads them as values. */
#include "core/csv.h"
#include "core/csv.h"
#include "render/render.h"

struct csv_ctx {
	FILE *f;
	char sep;
	int bom, several;
};

static int
csv_begin(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i)
{
	struct csv_ctx *x = ctx;
	if (i == 0 && x->bom)
		fputs("\xef\xbb\xbf", x->f);
	if (x->several) {
		if (i > 0)
			csf_csv_end_row(x->f, x->sep);
		csf_put_csv(x->f, s->title, x->sep);
		csf_csv_end_row(x->f, x->sep);
	}
	for (size_t c = 0; c < s->ncols; c++) {
		if (c > 0)
			putc(x->sep, x->f);
		csf_put_csv(x->f, csf_tab_header(t, s, c), x->sep);
	}
	csf_csv_end_row(x->f, x->sep);
	return 0;
}

static int
csv_row(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r)
{
	(void)t;
	struct csv_ctx *x = ctx;
	for (size_t c = 0; c < s->ncols; c++) {
		if (c > 0)
			putc(x->sep, x->f);
		const csf_cell *cell = &r->cells[c];
		if (cell->kind == CSF_CELL_NUMBER)
			fputs(cell->text, x->f);
		else
			csf_put_csv(x->f, cell->text, x->sep);
	}
	csf_csv_end_row(x->f, x->sep);
	return 0;
}

int
csf_render_csv(csf_tab *t, FILE *f, char sep, const struct csf_render_opts *o)
{
	struct csv_ctx x = { f, sep, o->bom, csf_tab_sections(t) > 1 };
	static const struct csf_tab_backend b = { csv_begin, csv_row, NULL };
	return csf_tab_each(t, &b, &x);
}
