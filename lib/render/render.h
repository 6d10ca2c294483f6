/* render.h - csf-render's backends and what they share: one escaping
 * function per output format, the display width of text, and the
 * collected input (records grouped by type, columns, cells). */
#ifndef CSF_RENDER_H
#define CSF_RENDER_H

#include <stdint.h>

#include "core/buf.h"
#include "core/csf.h"
#include "core/flat.h"

/* ---- escaping, one function per format (render_escape.c) ----
 * Every backend writes untrusted text through exactly one of these. */

/* HTML and XML (SVG) text and double-quoted attribute values: & < > " '
 * become entities; control characters XML cannot carry become U+FFFD. */
void csf_put_html(FILE *f, const char *s);
void csf_buf_html(csf_buf *b, const char *s);
/* x with exactly `decimals` decimals (0-4 quickly, rounded half away from
 * zero as csf_round does), as printf's %.*f would write the rounded value. */
void csf_put_fixed(FILE *f, double x, int decimals);
void csf_buf_fixed(csf_buf *b, double x, int decimals);
/* The same into out (no NUL): its length. */
#define CSF_FIXED_MAX 400   /* %.4f of the largest double, and more */
size_t csf_fmt_fixed(char out[CSF_FIXED_MAX], double x, int decimals);
/* CSV/TSV cells: csf_put_csv in core/csv.h, the one CSV writer. */
/* XLSX cell text: the first LEN bytes of s with what XML 1.0 forbids
 * (C0 controls but TAB/LF/CR, U+FFFE, U+FFFF) as OOXML's _xHHHH_, and a
 * literal "_xHHHH_" kept literal as "_x005F_xHHHH_". A new string. */
char *csf_ooxml_text(const char *s, size_t len);
/* Text inside a Markdown table cell: table syntax, inline markup and raw
 * HTML are escaped; newlines become <br>. */
void csf_put_md(FILE *f, const char *s);
/* Text for a terminal: control characters (ESC, CR, LF, TAB...) are shown
 * as \n, \t, \xHH or \u{HHHH} escapes; returns a new string. */
char *csf_term_text(const char *s);
/* The length of s's first run of printable ASCII (0x20-0x7e): all of s
 * when it is shown on a terminal as it is, a column a byte. */
size_t csf_printable_ascii(const char *s);

/* ---- display width, locale-independent (render_width.c) ---- */

/* Columns a code point occupies: 2 for East Asian Wide and Fullwidth,
 * 0 for combining and zero-width marks, 1 otherwise. */
int csf_cp_width(uint32_t cp);
/* Decode one UTF-8 character at s (invalid bytes decode as U+FFFD, one byte
 * each); returns its length in bytes, 0 at the end of the string. */
size_t csf_utf8_next(const char *s, uint32_t *cp);
size_t csf_display_width(const char *s);
/* Bytes of the longest prefix of s at most maxw columns wide (characters
 * are never split; zero-width marks stay with their base). */
size_t csf_width_prefix(const char *s, size_t maxw, size_t *width);

/* ---- the collected input (render_doc.c) ---- */

typedef struct {
	char *type;               /* whole; "" for records without a type */
	json_t *records;          /* array of objects, input order */
	json_t *columns;          /* array of dotted paths */
} csf_group;

typedef struct {
	csf_group *groups;        /* one per type, in first-seen order */
	size_t ngroups;
	json_t *index;            /* type -> group number */
} csf_doc;

csf_doc *csf_doc_new(void);
/* Add a record (the doc takes the reference). */
void csf_doc_add(csf_doc *d, const char *type, json_t *rec);
csf_group *csf_doc_group(const csf_doc *d, const char *type);
/* The group of a type, made (empty, last in order) if there is none. */
csf_group *csf_doc_touch(csf_doc *d, const char *type);
size_t csf_doc_count(const csf_doc *d);
/* Set every group's columns: the given paths, or the keys seen in its
 * records (first-seen order, "type" left out, nested objects as a.b). */
void csf_doc_columns(csf_doc *d, const json_t *given);
void csf_doc_free(csf_doc *d);

/* A {"ja":..,"en":..} text: an object whose keys are only ja/en with string
 * values. Shown as one cell in the chosen --lang. */
int csf_is_langobj(const json_t *v);
/* The value at a dotted path ("a.b.c"; keys that contain dots are found
 * too), NULL if absent. Borrowed. */
json_t *csf_path_get(const json_t *rec, const char *path);
/* Split "a,b.c" into an array of paths; NULL (and a message) if empty. */
json_t *csf_parse_columns(const char *list);

typedef enum { CSF_CELL_EMPTY, CSF_CELL_STRING, CSF_CELL_NUMBER, CSF_CELL_BOOL,
	CSF_CELL_JSON } csf_cell_kind;
typedef struct {
	csf_cell_kind kind;
	char *text;     /* always set: "", the string, "2.5", "true", JSON */
	double num;     /* CSF_CELL_NUMBER, and 1/0 for CSF_CELL_BOOL */
	int borrowed;   /* text is the value's or a label's, not the cell's to free */
} csf_cell;
/* The cell for value v: strings as they are, numbers as the NDJSON writer
 * prints them, language objects in --lang, arrays of scalars joined with
 * ';', other arrays and objects as compact JSON. */
void csf_cell_of(const json_t *v, csf_cell *c);
void csf_cell_free(csf_cell *c);
/* Number text as csf_emit writes it ("3.0", "2.25", "7"). */
void csf_number_text(const json_t *v, char *buf, size_t n);

/* ---- colour bands of level cells (render_band.c) ---- */
enum { CSF_BAND_NONE, CSF_BAND_LOW, CSF_BAND_MID };
/* The band of value v found at path in rec. */
int csf_band_of(const json_t *rec, const char *path, const json_t *v);
/* A level against its target: below by 2 or more is low, by less mid. */
int csf_band_of_level(double level, double target);
/* The band of a directive mean on the 1-5 scale ("band" records). */
int csf_band_of_mean(double x);

/* ---- charts as SVG (render_svg.c) ---- */
struct csf_series {
	const char *name;
	const double *v;         /* one per axis; NAN where missing */
	const char *colour;      /* "#rrggbb" */
	int emphasis;            /* the subject itself: solid and filled */
};
/* What a chart's file says under the chart: lines of text, then tables
 * (a title, a header row, rows); every cell wraps to its column. */
struct csf_svg_table {
	const char *title;
	size_t ncols, nrows;          /* rows after the header */
	const char *const *cells;     /* (nrows + 1) x ncols, the header first */
	const double *widths;         /* fraction of the chart's width per column */
	const int *right;             /* per column: numbers, aligned right (may be NULL) */
};
struct csf_svg_notes {
	size_t nlines;
	const char *const *lines;
	size_t ntables;
	const struct csf_svg_table *tables;
};
struct csf_radar {
	const char *title;
	size_t naxes;
	const char *const *labels;
	double lo, hi;
	const struct csf_series *series;
	size_t nseries;
	const struct csf_svg_notes *notes;   /* NULL: the chart alone */
};
struct csf_bars {
	const char *title;
	size_t n;
	const char *const *labels;
	const double *v, *target; /* target may be NULL; NAN where missing */
	double lo, hi;
	const struct csf_svg_notes *notes;   /* NULL: the chart alone */
	/* NULL, or for a caller drawing the same labels many times (every
	 * person's chart names the same items): each label's display width
	 * and its text as the chart writes it (csf_svg_bar_label). */
	const size_t *widths;
	const char *const *marked;
};
struct csf_heatmap {
	const char *title;
	size_t nrows, ncols;
	const char *const *rowlabels;
	const char *const *collabels;
	const double *v;          /* nrows x ncols, NAN where empty */
	double lo, hi;
	int decimals;             /* of the value printed in each cell */
};
/* standalone: an XML declaration first (an .svg file, not inline HTML). */
void csf_svg_radar(FILE *f, const struct csf_radar *r, int standalone);
void csf_svg_bars(FILE *f, const struct csf_bars *b, int standalone);
void csf_svg_bars_buf(csf_buf *out, const struct csf_bars *b, int standalone);
/* A bar label as csf_svg_bars writes it (escaped, cut to fit), a new
 * string, and its display width. */
char *csf_svg_bar_label(const char *label, size_t *width);
void csf_svg_heatmap(FILE *f, const struct csf_heatmap *m, int standalone);
/* Fill colour of v on [lo,hi]: pink, yellow, green. */
void csf_svg_scale_colour(double v, double lo, double hi, char out[8]);

/* ---- the one table of words, in --lang (render_label.c) ---- */
/* The report's phrase for id; NULL (find) or id itself when there is none. */
const char *csf_label_find(const char *id);
const char *csf_label(const char *id);
/* The phrase of id with its one %s filled in (a new string). */
char *csf_labelf(const char *id, const char *arg);
/* A field's value as a word ("severity","high" -> 高); value when unknown. */
const char *csf_label_value(const char *field, const char *value);
/* A column header for a record key; the key when there is no word. */
const char *csf_label_column(const char *key);
/* The name of a thing by ID from the data: what is "item", "role",
 * "persona", "directive", "resource", "industry", "benchmark", "tip",
 * "check"; "" when the data lack it. */
const char *csf_name_of(const char *what, const char *id);
/* s cut to maxw columns with an ellipsis (a new string). */
char *csf_short(const char *s, size_t maxw);
/* csf-plan's reason (sentence or {item,from,to,why}) in --lang. */
char *csf_reason_text(const json_t *reason);

/* ---- the tabular formats' sections (render_tab.c) ---- */
struct csf_tab_opts {
	int raw;                  /* keys and values as they are, one section per type */
	const json_t *columns;    /* -c: these paths in every section */
	const char *kinds;        /* --kind: only records of these kinds */
	int widths;               /* measure display widths (table, xlsx) */
	size_t max_width;         /* cells are cut to this many columns (0: never) */
};
struct csf_tab_col {
	char *path;               /* a key, a.b, or @what for a looked-up name */
	size_t width;             /* widest cell, header included, in columns */
	int numeric;              /* every value present is a number */
	int used;                 /* some record has a value here */
	size_t slot;              /* its place in the spooled rows' cells */
};
struct csf_tab_section {
	char *type;               /* whole */
	char kind[64];            /* "" when the section is the whole type */
	char *title;              /* in --lang */
	size_t nrows, ncols;
	struct csf_tab_col *cols;
	FILE *spool;
	json_t *colset;
	csf_buf keys;             /* the last record's keys (render_tab.c) */
	int fixed;
	int plain;                /* raw, or a type the pipeline does not write */
};
typedef struct csf_tab csf_tab;
csf_tab *csf_tab_new(const struct csf_tab_opts *o);
/* Add a record (borrowed) whose line is text. */
void csf_tab_add(csf_tab *t, const char *type, const json_t *rec, const char *text, size_t len);
/* A held document's records in one table per kind (the reports' other records). */
csf_tab *csf_tab_of_doc(const csf_doc *d);
size_t csf_tab_count(const csf_tab *t);
size_t csf_tab_sections(const csf_tab *t);
/* A cell as the reader sees it (caller frees), and a column's header. */
void csf_tab_cell(const csf_tab *t, const struct csf_tab_section *s, size_t col, const json_t *rec, csf_cell *c);
const char *csf_tab_header(const csf_tab *t, const struct csf_tab_section *s, size_t col);
/* A row read back: its cells, made on the first pass, and its record. */
struct csf_tab_row {
	const csf_cell *cells;    /* one per column of the section, in order */
	const char *line;         /* the record as it was read */
	size_t len;
	json_t *rec;              /* made by csf_tab_rec */
};
/* The row's record as a tree (borrowed: freed after the row). */
json_t *csf_tab_rec(struct csf_tab_row *r);
struct csf_tab_backend {
	int (*begin)(void *ctx, const csf_tab *t, const struct csf_tab_section *s, size_t i);
	int (*row)(void *ctx, const csf_tab *t, const struct csf_tab_section *s, struct csf_tab_row *r);
	int (*end)(void *ctx, const csf_tab *t, const struct csf_tab_section *s);
};
/* Every section in first-seen order, its records read back one at a time. */
int csf_tab_each(csf_tab *t, const struct csf_tab_backend *b, void *ctx);
void csf_tab_free(csf_tab *t);

/* ---- backends ---- */
struct csf_render_opts {
	int bom;              /* csv/tsv: UTF-8 byte-order mark first */
	size_t max_width;     /* table: cut cells wider than this (0: never) */
	const char *chart;    /* svg: radar, bars or heatmap (NULL: the first that fits) */
	const char *subject;  /* html/svg: only this subject */
	const char *title;    /* html: document title */
	int ids;              /* html/pdf: IDs beside the names */
	int summary;          /* html/pdf: the organisation part only */
	const json_t *links;  /* html index of --split: [subject, name, file] per person */
};

/* 0 on success; 1 after a message. */
int csf_render_table(csf_tab *t, FILE *f, const struct csf_render_opts *o);
int csf_render_md(csf_tab *t, FILE *f, const struct csf_render_opts *o);
/* sep ',' or '\t' (CSV lines end in CRLF as RFC 4180 says, TSV lines in
 * LF); several sections: each after a line with its title. */
int csf_render_csv(csf_tab *t, FILE *f, char sep, const struct csf_render_opts *o);
int csf_render_xlsx(csf_tab *t, FILE *f);
/* Open libxlsxwriter, or cairo and pango, before any input is read;
 * each stops with exit 2 naming the library it could not open. */
void csf_xlsx_load(void);
void csf_pdf_load(void);
/* The JSON array: records are copied byte for byte, one per line. */
void csf_json_begin(FILE *f);
void csf_json_record(FILE *f, const char *text, size_t len);
void csf_json_end(FILE *f);
int csf_render_html(const csf_doc *d, FILE *f, const struct csf_render_opts *o);
int csf_render_svg(const csf_doc *d, FILE *f, const struct csf_render_opts *o);
/* svg read once (render_chart_stream.c): the chart csf_render_svg draws of
 * the same records, at a memory that does not grow with people (what only
 * the end can use goes to a temporary file). subject: --subject, or NULL.
 * _add takes the reference to rec, parsed from the line text. */
typedef struct csf_svg_stream csf_svg_stream;
csf_svg_stream *csf_svg_stream_new(const char *subject);
void csf_svg_stream_add(csf_svg_stream *s, const char *type, json_t *rec, const char *text, size_t len);
int csf_svg_stream_end(csf_svg_stream *s, FILE *f, const struct csf_render_opts *o);
/* An A4 PDF through cairo and pango. */
int csf_render_pdf(const csf_doc *d, FILE *f, const struct csf_render_opts *o);
/* The HTML report, read twice (render_html_stream.c). The first pass
 * (add, one record at a time, grouped by subject as the pipeline writes
 * it) keeps the summary's figures, the organisation's records and each
 * person's place and profile; end writes the document and draws each
 * person straight to f from the second pass. Memory holds one person's
 * records, never a copy of the input. end returns 0 on success. */
typedef struct csf_html_stream csf_html_stream;
/* The second pass: the same records the first one got, from the start
 * (rewind), one at a time (next: 1 with the line and its flat record,
 * which the caller frees; 0 at the end). */
struct csf_replay {
	int (*next)(void *ctx, csf_line *ln, csf_flat **rec);
	void (*rewind)(void *ctx, int trusted);   /* csf_input_rewind's */
	void *ctx;
};
csf_html_stream *csf_html_stream_new(void);
void csf_html_stream_add(csf_html_stream *s, const csf_line *ln);
int csf_html_stream_end(csf_html_stream *s, FILE *f, const struct csf_render_opts *o,
    const struct csf_replay *again);
/* --split DIR: one report per person (SUBJECT.html or .pdf) and index.html
 * with the organisation and links; records of the input in. */
int csf_render_split(csf_input *in, const char *dir, int pdf, const char *types, const char *kinds,
    const struct csf_render_opts *o);

#endif
