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


#include "render/render.h"
#include "render/render_org.h"
#include "render/render_xlsxlib.h"

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

/* The workbook being written: sections arrive one after another, rows in
 * order, as libxlsxwriter's constant-memory mode needs. */
struct xlsx_ctx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	struct formats fm;
	json_t *used;
	char name[32 * 4 + 16];
	size_t row;           /* next row of the sheet */
	int part;             /* continuation sheets of a section */
	lxw_error err;
	csf_org_view *org;    /* the organisation model's records, for its sheets */
};

static int
sheet_open(struct xlsx_ctx *x, const csf_tab *t, const struct csf_tab_section *s)
{
	char base[64 * 4 + 16];
	/* A type the pipeline does not write is named by its type ("" as records). */
	const char *title = s->plain ? s->type : s->title;
	if (x->part > 1)
		snprintf(base, sizeof base, "%s (%d)", *title ? title : "records", x->part);
	else
		snprintf(base, sizeof base, "%s", title);
	sheet_name(base, x->used, x->name, sizeof x->name);
	x->ws = xlsxlib.workbook_add_worksheet(x->wb, x->name);
	if (!x->ws) {
		x->err = LXW_ERROR_SHEETNAME_ALREADY_USED;
		return 1;
	}
	size_t ncols = s->ncols > XLSX_COLS_MAX ? XLSX_COLS_MAX : s->ncols;
	for (size_t c = 0; c < ncols && !x->err; c++) {
		size_t w = s->cols[c].width + 2 > XLSX_COL_WIDTH_MAX ? XLSX_COL_WIDTH_MAX : s->cols[c].width + 2;
		x->err = xlsxlib.worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, (double)w, NULL);
	}
	for (size_t c = 0; c < ncols && !x->err; c++) {
		int cut;
		char *h = cut_chars(csf_tab_header(t, s, c), XLSX_STR_MAX, &cut);
		x->err = xlsxlib.worksheet_write_string(x->ws, 0, (lxw_col_t)c, h, x->fm.header);
		free(h);
	}
	if (!x->err && ncols > 0) {
		xlsxlib.worksheet_freeze_panes(x->ws, 1, 0);
		size_t last = s->nrows - (size_t)(x->part - 1) * (XLSX_ROWS_MAX - 1);
		if (last > XLSX_ROWS_MAX - 1)
			last = XLSX_ROWS_MAX - 1;
		x->err = xlsxlib.worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)last, (lxw_col_t)(ncols - 1));
	}
	x->row = 1;
	return x->err != LXW_NO_ERROR;
}

static int
xlsx_begin(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i)
{
	struct xlsx_ctx *x = ctx;
	(void)i;
	if (s->ncols > XLSX_COLS_MAX)
		csf_warn("xlsx: '%s' has %zu columns; a sheet holds %d, the rest are left out",
		    s->title, s->ncols, XLSX_COLS_MAX);
	if (s->nrows + 1 > XLSX_ROWS_MAX)
		csf_warn("xlsx: '%s' has %zu rows; they go on %zu sheets of at most %d",
		    s->title, s->nrows, (s->nrows + XLSX_ROWS_MAX - 2) / (XLSX_ROWS_MAX - 1), XLSX_ROWS_MAX - 1);
	x->part = 1;
	return sheet_open(x, t, s);
}

static int
xlsx_row(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r)
{
	struct xlsx_ctx *x = ctx;
	const json_t *rec = csf_tab_rec(r);
	csf_org_view_add(x->org, csf_str(rec, "type"), rec);
	if (x->row == XLSX_ROWS_MAX) {
		/* The sheet is full: the section goes on in the next one. */
		x->part++;
		if (sheet_open(x, t, s))
			return 1;
	}
	lxw_row_t row = (lxw_row_t)x->row++;
	size_t ncols = s->ncols > XLSX_COLS_MAX ? XLSX_COLS_MAX : s->ncols;
	for (size_t c = 0; c < ncols && !x->err; c++) {
		const char *path = s->cols[c].path;
		json_t *v = csf_path_get(rec, path);
		csf_cell cell = r->cells[c];
		lxw_col_t col = (lxw_col_t)c;
		int band = csf_band_of(rec, path, v);
		lxw_format *f = band == CSF_BAND_LOW ? x->fm.low : band == CSF_BAND_MID ? x->fm.mid : NULL;
		/* Integers past 15 digits would lose digits as a double: keep them as text. */
		int exact = !json_is_integer(v) || (json_integer_value(v) < 1000000000000000LL &&
		    json_integer_value(v) > -1000000000000000LL);
		if (cell.kind == CSF_CELL_NUMBER && exact)
			x->err = xlsxlib.worksheet_write_number(x->ws, row, col, cell.num, f);
		else if (cell.kind == CSF_CELL_BOOL && json_is_boolean(v) && !strcmp(cell.text, json_is_true(v) ? "true" : "false"))
			x->err = xlsxlib.worksheet_write_boolean(x->ws, row, col, (int)cell.num, f);
		else if (cell.kind != CSF_CELL_EMPTY) {
			int cut;
			char *str = cut_chars(cell.text, XLSX_STR_MAX, &cut);
			if (cut)
				csf_warn("xlsx: sheet '%s' row %zu column '%s': text cut to %d characters",
				    x->name, (size_t)row + 1, path, XLSX_STR_MAX);
			x->err = xlsxlib.worksheet_write_string(x->ws, row, col, str, f);
			free(str);
		}
	}
	return x->err != LXW_NO_ERROR;
}

/* Copy the finished workbook into the output stream. */
static int
copy_file(const char *path, FILE *out)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		csf_warn("xlsx: %s: %s", path, csf_strerror(errno));
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
csf_render_xlsx(csf_tab *t, FILE *f)
{
	csf_xlsx_load();
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	char path[4096];
	snprintf(path, sizeof path, "%s/csf-render-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		csf_warn("xlsx: temporary file in %s: %s", tmpdir, csf_strerror(errno));
		return 1;
	}
	close(fd);
	/* Constant memory: each row goes to the sheet's temporary file as it
	 * is written, so a workbook of a million rows needs no more memory
	 * than one of ten. */
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir };
	struct xlsx_ctx x = { 0 };
	x.wb = xlsxlib.workbook_new_opt(path, &wo);
	if (!x.wb) {
		csf_warn("xlsx: cannot create a workbook in %s", path);
		unlink(path);
		return 1;
	}
	/* SOURCE_DATE_EPOCH gives byte-identical workbooks for the same input. */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	lxw_doc_properties props = { .created = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL) };
	xlsxlib.workbook_set_properties(x.wb, &props);
	x.fm.header = xlsxlib.workbook_add_format(x.wb);
	xlsxlib.format_set_bold(x.fm.header);
	xlsxlib.format_set_bg_color(x.fm.header, 0xD9D9D9);
	xlsxlib.format_set_bottom(x.fm.header, LXW_BORDER_THIN);
	xlsxlib.format_set_text_wrap(x.fm.header);
	x.fm.low = xlsxlib.workbook_add_format(x.wb);
	xlsxlib.format_set_bg_color(x.fm.low, 0xF8C8D8);    /* pink */
	x.fm.mid = xlsxlib.workbook_add_format(x.wb);
	xlsxlib.format_set_bg_color(x.fm.mid, 0xFFF2A8);    /* yellow */
	x.used = json_object();
	static const struct csf_tab_backend b = { xlsx_begin, xlsx_row, NULL };
	x.org = csf_org_view_new();
	int failed = csf_tab_each(t, &b, &x);
	if (!x.err && !failed && csf_org_xlsx(x.wb, x.org, x.fm.header))
		x.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	csf_org_view_free(x.org);
	if (!x.err && !failed && csf_tab_sections(t) == 0 && !xlsxlib.workbook_add_worksheet(x.wb, "records"))
		x.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	json_decref(x.used);
	lxw_error cerr = xlsxlib.workbook_close(x.wb);   /* frees wb, writes the file */
	if (!x.err)
		x.err = cerr;
	int status = failed && !x.err;
	if (x.err) {
		csf_warn("xlsx: %s", xlsxlib.lxw_strerror(x.err));
		status = 1;
	} else if (!status)
		status = copy_file(path, f);
	unlink(path);
	return status;
}
