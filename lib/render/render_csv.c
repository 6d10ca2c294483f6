/* render_csv.c - CSV (RFC 4180, CRLF) and TSV (LF) for spreadsheets and
 * analysts: a header row of column paths, then one row per record. Strings
 * go through csf_put_csv (quoting, formula neutralising); numbers and
 * booleans are written bare so a spreadsheet reads them as values. */
#include "core/csv.h"
#include "render/render.h"

void
csf_csv_header(FILE *f, const json_t *columns, char sep, int bom)
{
	if (bom)
		fputs("\xef\xbb\xbf", f);
	size_t i;
	json_t *c;
	json_array_foreach(columns, i, c) {
		if (i > 0)
			putc(sep, f);
		csf_put_csv(f, json_string_value(c), sep);
	}
	csf_csv_end_row(f, sep);
}

void
csf_csv_row(FILE *f, const json_t *rec, const json_t *columns, char sep)
{
	size_t i;
	json_t *c;
	json_array_foreach(columns, i, c) {
		if (i > 0)
			putc(sep, f);
		csf_cell cell;
		csf_cell_of(csf_path_get(rec, json_string_value(c)), &cell);
		if (cell.kind == CSF_CELL_NUMBER || cell.kind == CSF_CELL_BOOL)
			fputs(cell.text, f);
		else
			csf_put_csv(f, cell.text, sep);
		csf_cell_free(&cell);
	}
	csf_csv_end_row(f, sep);
}
