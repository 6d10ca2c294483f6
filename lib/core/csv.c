/* csv.c - read spreadsheet answers: RFC 4180 CSV with a header row, as
 * Excel writes it (UTF-8 BOM, CRLF). Bounded like NDJSON lines: a row may
 * not exceed CSF_LINE_MAX bytes or CSV_FIELDS_MAX fields. */
#include <ctype.h>
#include <iconv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"

#define CSV_FIELDS_MAX 256

struct csv_reader {
	FILE *fp;
	const char *name;
	csf_input *in;
	long line;              /* physical lines consumed so far */
	int eof, first;
	char *buf;              /* field bytes of the current row, NUL-separated */
	size_t len, cap;
	size_t start[CSV_FIELDS_MAX];
	int nfields;
	char *cols[CSV_FIELDS_MAX];
	int ncols;
	long header_line;
	char *type;             /* the current row's type */
};

int
csf_is_csv_path(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

static int
put(csv_reader *r, int c)
{
	if (r->len + 1 >= r->cap) {
		if (r->cap >= CSF_LINE_MAX)
			return 0;
		r->cap = r->cap ? r->cap * 2 : 4096;
		r->buf = xrealloc(r->buf, r->cap);
	}
	r->buf[r->len++] = (char)c;
	return 1;
}

enum { ROW_OK, ROW_EOF, ROW_BAD };

/* Read one row into buf/start/nfields; *row_line gets its first line. */
static int
read_row(csv_reader *r, long *row_line, const char **err)
{
	int c, quoted = 0, after_quote = 0, any = 0;
	r->len = 0;
	r->nfields = 1;
	r->start[0] = 0;
	*row_line = r->line + 1;
	*err = NULL;
	for (;;) {
		c = getc(r->fp);
		if (r->first) {
			r->first = 0;
			if (c == 0xef) {  /* UTF-8 BOM */
				if (getc(r->fp) != 0xbb || getc(r->fp) != 0xbf) {
					*err = N_("invalid UTF-8");
					goto skip;
				}
				c = getc(r->fp);
			}
		}
		if (c == EOF) {
			if (ferror(r->fp)) {
				*err = csf_strerror(errno);
				r->eof = 1;
				return ROW_BAD;
			}
			r->eof = 1;
			if (quoted) {
				r->line++;
				*err = N_("unterminated quoted field");
				return ROW_BAD;
			}
			if (!any)
				return ROW_EOF;
			r->line++;
			break;
		}
		any = 1;
		if (c == '\0') {
			/* A field would end at it, silently shortened. */
			*err = N_("NUL byte in a field");
			goto skip;
		}
		if (quoted) {
			if (c == '"') {
				int d = getc(r->fp);
				if (d == '"') {
					if (!put(r, '"'))
						goto toolong;
					continue;
				}
				if (d != EOF)
					ungetc(d, r->fp);
				quoted = 0;
				after_quote = 1;
				continue;
			}
			if (c == '\n')
				r->line++;
			if (!put(r, c))
				goto toolong;
			continue;
		}
		if (c == '\r') {
			int d = getc(r->fp);
			if (d == '\n') {
				c = '\n';
			} else {
				if (d != EOF)
					ungetc(d, r->fp);
				*err = N_("carriage return outside quotes");
				goto skip;
			}
		}
		if (c == '\n') {
			r->line++;
			break;
		}
		if (c == ',') {
			if (r->nfields == CSV_FIELDS_MAX) {
				*err = N_("too many fields");
				goto skip;
			}
			if (!put(r, '\0'))
				goto toolong;
			r->start[r->nfields++] = r->len;
			after_quote = 0;
			continue;
		}
		if (after_quote) {
			*err = N_("unexpected character after a closing quote");
			goto skip;
		}
		if (c == '"') {
			if (r->len != r->start[r->nfields - 1]) {
				*err = N_("quote inside an unquoted field");
				goto skip;
			}
			quoted = 1;
			continue;
		}
		if (!put(r, c))
			goto toolong;
	}
	if (!put(r, '\0'))
		goto toolong;
	return ROW_OK;
toolong:
	*err = N_("row too long (over 1048576 bytes)");
skip:
	/* Resynchronise at the next line end outside quotes. */
	while ((c = getc(r->fp)) != EOF) {
		if (c == '"')
			quoted = !quoted;
		else if (c == '\n') {
			r->line++;
			if (!quoted)
				return ROW_BAD;
		}
	}
	r->eof = 1;
	r->line++;
	return ROW_BAD;
}

static void
bad(csv_reader *r, long line, const char *msg)
{
	csf_line ln = { .file = r->name, .line = line };
	csf_input_bad(r->in, &ln, "%s", msg);
}

static char *
trim_lower(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *t = xstrdup(s);
	size_t n = strlen(t);
	while (n && isspace((unsigned char)t[n - 1]))
		t[--n] = '\0';
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return t;
}

const char *csv_encoding;

/* The rest of fp converted from csv_encoding to UTF-8, as a stream of
 * its own; NULL (reported) if a byte sequence is not of that encoding. */
static FILE *
reencode(FILE *fp, const char *name, csf_input *in)
{
	size_t len = 0, cap = 1 << 16, n;
	char *raw = xmalloc(cap);
	while ((n = fread(raw + len, 1, cap - len, fp)) > 0)
		if ((len += n) == cap)
			raw = xrealloc(raw, cap *= 2);
	iconv_t cd = iconv_open("UTF-8", csv_encoding);
	if (cd == (iconv_t)-1)
		csf_die(2, "--encoding: %s: no such encoding (iconv -l lists them)", csv_encoding);
	size_t outcap = len * 3 + 4, left_in = len, left_out = outcap;
	char *out = xmalloc(outcap), *ip = raw, *op = out;
	size_t rc = iconv(cd, &ip, &left_in, &op, &left_out);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		long line = 1;
		for (char *p = raw; p < ip; p++)
			line += *p == '\n';
		csf_line ln = { .file = name, .line = line };
		csf_input_bad(in, &ln, "not %s text (byte %ld of the file)", csv_encoding, (long)(ip - raw) + 1);
		free(raw);
		free(out);
		return NULL;
	}
	free(raw);
	FILE *mem = fmemopen(NULL, op - out + 1, "w+");
	if (!mem)
		csf_die(1, "%s: %s", name, csf_strerror(errno));
	fwrite(out, 1, (size_t)(op - out), mem);
	rewind(mem);
	free(out);
	return mem;
}

csv_reader *
csv_open(const char *path, csf_input *in)
{
	csv_reader *r = xcalloc(1, sizeof *r);
	r->in = in;
	r->first = 1;
	if (strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->name = "<stdin>";
	} else {
		r->name = path;
		r->fp = fopen(path, "rb");
		if (!r->fp) {
			csf_line ln = { .file = path, .line = 0 };
			r->eof = 1;
			csf_input_bad(in, &ln, "%s", csf_strerror(errno));
			return r;
		}
	}
	if (csv_encoding) {
		FILE *mem = reencode(r->fp, r->name, in);
		if (r->fp != stdin)
			fclose(r->fp);
		r->fp = mem;
		if (!mem) {
			r->eof = 1;
			return r;
		}
	}
	long line;
	const char *err;
	int st;
	while ((st = read_row(r, &line, &err)) == ROW_OK && r->nfields == 1 && r->buf[0] == '\0')
		;   /* blank lines before the header */
	if (st == ROW_EOF)
		return r;
	if (st == ROW_BAD) {
		bad(r, line, err);
		r->eof = 1;   /* no header, no rows */
		return r;
	}
	r->header_line = line;
	for (int i = 0; i < r->nfields; i++) {
		r->cols[i] = trim_lower(r->buf + r->start[i]);
		for (int j = 0; j < i; j++)
			if (*r->cols[i] && strcmp(r->cols[i], r->cols[j]) == 0) {
				char *msg = csf_fmt("CSV header repeats column \"%s\"", r->cols[i]);
				r->ncols = i + 1;
				bad(r, line, msg);
				free(msg);
				r->eof = 1;
				return r;
			}
	}
	r->ncols = r->nfields;
	return r;
}

int
csv_has_column(const csv_reader *r, const char *name)
{
	for (int i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return 1;
	return 0;
}

int
csv_require(csv_reader *r, const char *const *names)
{
	if (r->eof && !r->ncols)
		return 1;   /* empty file, or its header was already reported */
	for (; *names; names++)
		if (!csv_has_column(r, *names)) {
			char *msg = csf_fmt("CSV header has no \"%s\" column", *names);
			bad(r, r->header_line, msg);
			free(msg);
			r->eof = 1;
			return 0;
		}
	return 1;
}

json_t *
csv_next(csv_reader *r, csf_line *ln)
{
	while (!r->eof) {
		long line;
		const char *err;
		int st = read_row(r, &line, &err);
		if (st == ROW_EOF)
			break;
		if (st == ROW_BAD) {
			bad(r, line, err);
			continue;
		}
		int empty = 1;
		for (int i = 0; i < r->nfields && empty; i++)
			empty = r->buf[r->start[i]] == '\0';
		if (empty)
			continue;   /* blank line, or a spreadsheet's trailing ",,," */
		if (r->nfields != r->ncols) {
			char msg[100];
			csf_msgf(msg, sizeof msg, "row has %d fields, the header %d", r->nfields, r->ncols);
			bad(r, line, msg);
			continue;
		}
		json_t *obj = json_object();
		int ok = 1;
		for (int i = 0; i < r->nfields && ok; i++) {
			const char *v = r->buf + r->start[i];
			if (!*v || !*r->cols[i])
				continue;
			json_t *s = json_string(csf_csv_unguard(v));   /* the writer's formula guard off */
			if (!s)
				ok = 0;
			else
				json_object_set_new(obj, r->cols[i], s);
		}
		if (!ok) {
			json_decref(obj);
			/* Spreadsheets on Japanese Windows save CSV as Shift_JIS
			 * unless told otherwise: say how to get UTF-8. */
			bad(r, line, "invalid UTF-8 (save the sheet as \"CSV UTF-8\", or read it with --encoding cp932)");
			continue;
		}
		ln->file = r->name;
		ln->line = line;
		ln->text = NULL;
		ln->len = 0;
		ln->members = NULL;
		/* A "type" column may mark rows; answers need none. */
		const char *type = csf_str(obj, "type");
		free(r->type);
		r->type = xstrdup(type ? type : "answer");
		ln->type = r->type;
		if (!type)
			json_object_set_new(obj, "type", json_string("answer"));
		return obj;
	}
	return NULL;
}

void
csv_close(csv_reader *r)
{
	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	for (int i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->buf);
	free(r->type);
	free(r);
}

void
csv_put_field(const char *s, int last)
{
	csf_put_csv(csf_out, s, ',');
	if (last)
		csf_csv_end_row(csf_out, ',');
	else
		putc(',', csf_out);
}
