/* render_xlsx.c - an Excel workbook through libxlsxwriter: a sheet per
 * record type, the header row frozen and filterable, numbers as numbers,
 * level cells coloured by band. Strings are always written as strings,
 * never as formulas, so "=HYPERLINK(...)" stays text. libxlsxwriter
 * writes to a named file, so the workbook is built in a temp file and
 * copied to the output (which -o makes atomic). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "render/render.h"

#define XLSX_STR_MAX 32767      /* characters in a cell, Excel's limit */
#define XLSX_ROWS_MAX 1048576
#define XLSX_COLS_MAX 16384
#define XLSX_COL_WIDTH_MAX 60

/* A sheet name Excel accepts, unique among the names so far. */
static void
sheet_name(const char *type, json_t *used, char *out, size_t outsz)
{
	char base[32 * 4 + 1];
	size_t len = 0, chars = 0, n;
	uint32_t cp;
	const char *s = *type ? type : "records";
	/* At most 31 characters, none of []:*?/\ and no apostrophe at the ends. */
	for (; (n = csf_utf8_next(s, &cp)) > 0 && chars < 31; s += n, chars++) {
		if (cp < 0x20 || strchr("[]:*?/\\", (int)cp) != NULL || cp == 0xfffd || cp == 0xfffe || cp == 0xffff)
			base[len++] = '_';
		else {
			memcpy(base + len, s, n);
			len += n;
		}
	}
	base[len] = '\0';
	if (base[0] == '\'')
		base[0] = '_';
	if (len > 0 && base[len - 1] == '\'')
		base[len - 1] = '_';
	if (!strcmp(base, "History") || !strcmp(base, "history"))
		base[0] = '_';   /* Excel keeps that name for itself */
	for (int k = 1; ; k++) {
		if (k == 1)
			snprintf(out, outsz, "%s", base);
		else {
			/* "name~2": cut the base so the suffix fits in 31 characters. */
			char suffix[16];
			size_t sl = (size_t)snprintf(suffix, sizeof suffix, "~%d", k), bytes = 0;
			for (chars = 0; chars + sl < 31 && (n = csf_utf8_next(base + bytes, &cp)) > 0; chars++)
				bytes += n;
			snprintf(out, outsz, "%.*s%s", (int)bytes, base, suffix);
		}
		/* Excel compares sheet names without case. */
		char key[sizeof base + 16];
		snprintf(key, sizeof key, "%s", out);
		for (char *p = key; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		if (!json_object_get(used, key)) {
			json_object_set_new(used, key, json_true());
			return;
		}
	}
}

/* The first max characters of s (a new string), and whether it was cut,
 * escaped for a cell: OOXML writes a character XML 1.0 cannot carry
 * (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF) as _xHHHH_, so text that
 * already reads _xHHHH_ has its '_' written _x005F_ to stay literal.
 * libxlsxwriter does the C0 part itself, but neither of the others: a
 * U+FFFF made the whole sharedStrings.xml unreadable. */
static char *
cut_chars(const char *s, size_t max, int *cut)
{
	size_t bytes = 0, chars = 0, n;
	uint32_t cp;
	while (chars < max && (n = csf_utf8_next(s + bytes, &cp)) > 0) {
		bytes += n;
		chars++;
	}
	*cut = s[bytes] != '\0';
	return csf_ooxml_text(s, bytes);
}

struct formats {
	lxw_format *header, *low, *mid;
};

static lxw_error
write_group(lxw_workbook *wb, const csf_group *g, json_t *used, const struct formats *fm)
{
	char name[32 * 4 + 16];
	sheet_name(g->type, used, name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws)
		return LXW_ERROR_SHEETNAME_ALREADY_USED;
	size_t ncols = json_array_size(g->columns), nrows = json_array_size(g->records);
	if (ncols > XLSX_COLS_MAX || nrows + 1 > XLSX_ROWS_MAX) {
		csf_warn("xlsx: '%s' has %zu records and %zu columns; a sheet holds at most %d and %d",
		    g->type, nrows, ncols, XLSX_ROWS_MAX - 1, XLSX_COLS_MAX);
		return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	}
	size_t *width = xcalloc(ncols ? ncols : 1, sizeof *width);
	lxw_error err = LXW_NO_ERROR;
	for (size_t c = 0; c < ncols && !err; c++) {
		const char *path = json_string_value(json_array_get(g->columns, c));
		int cut;
		char *s = cut_chars(path, XLSX_STR_MAX, &cut);
		err = worksheet_write_string(ws, 0, (lxw_col_t)c, s, fm->header);
		width[c] = csf_display_width(s);
		free(s);
	}
	for (size_t r = 0; r < nrows && !err; r++) {
		json_t *rec = json_array_get(g->records, r);
		for (size_t c = 0; c < ncols && !err; c++) {
			const char *path = json_string_value(json_array_get(g->columns, c));
			json_t *v = csf_path_get(rec, path);
			csf_cell cell;
			csf_cell_of(v, &cell);
			lxw_row_t row = (lxw_row_t)(r + 1);
			lxw_col_t col = (lxw_col_t)c;
			int band = csf_band_of(rec, path, v);
			lxw_format *f = band == CSF_BAND_LOW ? fm->low : band == CSF_BAND_MID ? fm->mid : NULL;
			/* Integers past 15 digits would lose digits as a double: keep them as text. */
			int exact = !json_is_integer(v) || (json_integer_value(v) < 1000000000000000LL &&
			    json_integer_value(v) > -1000000000000000LL);
			if (cell.kind == CSF_CELL_NUMBER && exact)
				err = worksheet_write_number(ws, row, col, cell.num, f);
			else if (cell.kind == CSF_CELL_BOOL)
				err = worksheet_write_boolean(ws, row, col, (int)cell.num, f);
			else if (cell.kind != CSF_CELL_EMPTY) {
				int cut;
				char *s = cut_chars(cell.text, XLSX_STR_MAX, &cut);
				if (cut)
					csf_warn("xlsx: sheet '%s' row %zu column '%s': text cut to %d characters",
					    name, r + 2, path, XLSX_STR_MAX);
				err = worksheet_write_string(ws, row, col, s, f);
				free(s);
			}
			size_t w = csf_display_width(cell.text);
			if (w > width[c])
				width[c] = w;
			csf_cell_free(&cell);
		}
	}
	for (size_t c = 0; c < ncols && !err; c++) {
		size_t w = width[c] + 2 > XLSX_COL_WIDTH_MAX ? XLSX_COL_WIDTH_MAX : width[c] + 2;
		err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w, NULL);
	}
	if (!err && ncols > 0) {
		worksheet_freeze_panes(ws, 1, 0);
		err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1));
	}
	free(width);
	return err;
}

/* Copy the finished workbook into the output stream. */
static int
copy_file(const char *path, FILE *out)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		csf_warn("xlsx: %s: %s", path, strerror(errno));
		return 1;
	}
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	int bad = ferror(in);
	fclose(in);
	if (bad)
		csf_warn("xlsx: %s: read error", path);
	return bad;
}

int
csf_render_xlsx(const csf_doc *d, FILE *f)
{
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/csf-render-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		csf_warn("xlsx: temporary file in %s: %s", tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		return 1;
	}
	close(fd);

	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		csf_warn("xlsx: cannot create a workbook in %s", path);
		unlink(path);
		return 1;
	}
	/* SOURCE_DATE_EPOCH gives byte-identical workbooks for the same input. */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	lxw_doc_properties props = { .created = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL) };
	workbook_set_properties(wb, &props);

	struct formats fm;
	fm.header = workbook_add_format(wb);
	format_set_bold(fm.header);
	format_set_bg_color(fm.header, 0xD9D9D9);
	format_set_bottom(fm.header, LXW_BORDER_THIN);
	fm.low = workbook_add_format(wb);
	format_set_bg_color(fm.low, 0xF8C8D8);    /* pink */
	fm.mid = workbook_add_format(wb);
	format_set_bg_color(fm.mid, 0xFFF2A8);    /* yellow */

	json_t *used = json_object();
	lxw_error err = LXW_NO_ERROR;
	for (size_t i = 0; i < d->ngroups && !err; i++)
		err = write_group(wb, &d->groups[i], used, &fm);
	if (!err && d->ngroups == 0 && !workbook_add_worksheet(wb, "records"))
		err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	json_decref(used);
	lxw_error cerr = workbook_close(wb);   /* frees wb, writes the file */
	if (!err)
		err = cerr;
	int status = 0;
	if (err) {
		csf_warn("xlsx: %s", lxw_strerror(err));
		status = 1;
	} else
		status = copy_file(path, f);
	unlink(path);
	return status;
}
