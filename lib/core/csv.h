/* csv.h - reading CSV sheets as records, and the one CSV/TSV writer. */
#ifndef CSF_CSV_H
#define CSF_CSV_H

#include "core/csf.h"

/* ---- CSV input (csv.c) ----
 * RFC 4180: quoted fields may hold commas, quotes ("") and line breaks;
 * a UTF-8 BOM and CRLF line ends are accepted. Rows become objects keyed by
 * the header row (names trimmed and lowercased); empty cells are left out;
 * "type" is "answer" unless a "type" column says otherwise.
 * Errors are reported through in with FILE:LINE of the row. */
typedef struct csv_reader csv_reader;
csv_reader *csv_open(const char *path, csf_input *in);   /* "-" is stdin */
/* Next data row as a new object; ln gets the file and first line of the
 * row (ln->text NULL). NULL at the end. */
json_t *csv_next(csv_reader *r, csf_line *ln);
/* Check the header names every column of the NULL-terminated list; if
 * not, report the first missing one and read no rows. 0 if one is missing. */
int csv_require(csv_reader *r, const char *const *names);
int csv_has_column(const csv_reader *r, const char *name);
void csv_close(csv_reader *r);
/* Is this path a CSV file (name ends in .csv)? */
int csf_is_csv_path(const char *path);
/* The encoding CSV input is in (--encoding cp932), NULL for UTF-8. Other
 * encodings are converted through iconv(3) as each file is opened (the
 * file is read whole: sheets are small). */
extern const char *csv_encoding;

/* ---- CSV/TSV output (csvout.c) ---- */
/* One cell holding a string: quoted per RFC 4180 when it holds SEP, a
 * quote, CR or LF; a ' in front when a spreadsheet would take it as a
 * formula (= + - @ in ASCII, full-width or small forms, also after
 * blanks; a leading TAB, CR, LF, VT or FF). */
void csf_put_csv(FILE *f, const char *s, char sep);
/* Does csf_put_csv put a ' in front of s? */
int csf_csv_guarded(const char *s);
/* CRLF after a CSV row (RFC 4180), LF after a TSV one. */
void csf_csv_end_row(FILE *f, char sep);
/* A cell as read back: the guard's ' taken off (exactly one). */
const char *csf_csv_unguard(const char *cell);

/* One field of a template sheet to csf_out through csf_put_csv, then ","
 * or, for the last field of a row, CRLF (csv.c). */
void csv_put_field(const char *s, int last);

#endif
