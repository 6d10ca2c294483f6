/* csv.h - reading CSV sheets as records (written CSV goes through
 * lib/render's one CSV writer). */
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

/* ---- CSV templates (csv.c): one field to csf_out, quoted when it must
 * be (RFC 4180), then "," or, for the last field of a row, CRLF. */
void csv_put_field(const char *s, int last);

#endif
