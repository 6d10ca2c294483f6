/* ndjson.c - read NDJSON records from files or stdin with their file name
 * and line number, bounded in line length, validated before anyone sees
 * them. Blank lines are skipped; CRLF and a UTF-8 BOM are accepted. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/csf.h"

#define BUF_INITIAL (64 * 1024)
/* The bound is on the record: a line may also hold a BOM (first line), a
 * CR and its LF, which the reader drops. */
#define LINE_EXTRA 5
#define BUF_MAX (CSF_LINE_MAX + LINE_EXTRA + 3)

struct csf_input {
	int nfiles, next_file;
	char **files;
	FILE *fp;
	const char *name;
	long line;
	char *buf;
	size_t cap, start, end;
	int eof;
	long errors;
	char type[CSF_TYPE_MAX];   /* the record's type when the scan could copy it */
	csf_members members;       /* the current line's, from its scan */
	int note_members;          /* whether to note them (csf_input_note_members) */
	char *long_type;           /* else decoded: escaped, or CSF_TYPE_MAX bytes or more */
	FILE *borrowed;            /* csf_input_of_stream's stream */
	off_t stdin_start;         /* where stdin began, to read it again */
	int again;                 /* read again: bad lines were reported the first time */
	int trusted;               /* read again, and not validated again */
	int unchecked;             /* csf_input_next_unchecked: not validated yet */
	off_t range_start;         /* csf_input_open_range: where to begin, */
	off_t range_left;          /* bytes still to read (-1: to the end), */
	long range_line;           /* and the lines before range_start */
};

static char *stdin_only[] = { "-" };

csf_input *
csf_input_open(int nfiles, char **files)
{
	csf_input *in = xcalloc(1, sizeof *in);
	if (nfiles <= 0) {
		nfiles = 1;
		files = stdin_only;
	}
	in->nfiles = nfiles;
	in->files = files;
	in->cap = BUF_INITIAL;
	in->buf = xmalloc(in->cap);
	in->range_left = -1;
	return in;
}

csf_input *
csf_input_open_range(char **path, off_t start, off_t end, long lines_before)
{
	csf_input *in = csf_input_open(1, path);
	in->range_start = start;
	in->range_left = end - start;
	in->range_line = lines_before;
	return in;
}

void
csf_input_note_members(csf_input *in)
{
	in->note_members = 1;
}

static long bad_total;   /* bad records reported by any input, or after it */

static void
report(csf_input *in, const char *file, long line, const char *fmt, va_list ap)
{
	csf_vwarn_at(file, line, fmt, ap);
	if (in)
		in->errors++;
	bad_total++;
	if (!csf_opt.keep_going)
		exit(1);
}

void
csf_bad_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(NULL, file, line, fmt, ap);
	va_end(ap);
}

long
csf_bad_total(void)
{
	return bad_total;
}

void
csf_input_bad(csf_input *in, const csf_line *ln, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(in, ln->file, ln->line, fmt, ap);
	va_end(ap);
}

static void
bad_at(csf_input *in, long line, const char *fmt, ...)
{
	if (in->again)
		return;
	va_list ap;
	va_start(ap, fmt);
	report(in, in->name, line, fmt, ap);
	va_end(ap);
}

long
csf_input_errors(const csf_input *in)
{
	return in->errors;
}

/* Open the next file; 0 when there is none. */
static int
open_next(csf_input *in)
{
	if (in->borrowed && in->next_file == 0) {
		in->next_file = 1;
		in->line = 0;
		in->start = in->end = 0;
		in->eof = 0;
		in->fp = in->borrowed;
		return fflush(in->fp) == 0 && lseek(fileno(in->fp), 0, SEEK_SET) == 0;
	}
	while (in->next_file < in->nfiles) {
		const char *path = in->files[in->next_file++];
		in->line = 0;
		in->start = in->end = 0;
		in->eof = 0;
		if (strcmp(path, "-") == 0) {
			in->fp = stdin;
			in->name = "<stdin>";
			return 1;
		}
		in->name = path;
		in->fp = fopen(path, "rb");
		if (in->fp && in->range_left >= 0) {
			in->line = in->range_line;
			if (lseek(fileno(in->fp), in->range_start, SEEK_SET) != in->range_start) {
				bad_at(in, in->line + 1, "read error: %s", csf_strerror(errno));
				in->eof = 1;
			}
		}
		if (in->fp)
			return 1;
		bad_at(in, 0, "%s", csf_strerror(errno));
	}
	return 0;
}

static void
close_current(csf_input *in)
{
	if (in->fp && in->fp != stdin && in->fp != in->borrowed)
		fclose(in->fp);
	in->fp = NULL;
}

/* Read more bytes after in->end; keeps one spare byte for a terminator. */
static void
fill(csf_input *in)
{
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->end + 1 >= in->cap) {
		in->cap = in->cap * 2 > BUF_MAX ? BUF_MAX : in->cap * 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	/* read(2), not fread: a pipeline stage must see each line as soon as
	 * the previous stage writes it. */
	size_t want = in->cap - 1 - in->end;
	if (in->range_left >= 0 && (off_t)want > in->range_left)
		want = (size_t)in->range_left;
	ssize_t n = 0;
	if (want > 0)
		do
			n = read(fileno(in->fp), in->buf + in->end, want);
		while (n < 0 && errno == EINTR);
	if (n > 0 && in->range_left >= 0)
		in->range_left -= n;
	if (n <= 0) {
		if (n < 0)
			bad_at(in, in->line + 1, "read error: %s", csf_strerror(errno));
		in->eof = 1;
		return;
	}
	in->end += (size_t)n;
}

/* The next physical line: 1 and its span, -1 for a line over the bound
 * (already skipped), 0 at the end of all files. */
static int
next_physical(csf_input *in, char **text, size_t *len)
{
	for (;;) {
		if (!in->fp && !open_next(in))
			return 0;
		char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl || (in->eof && in->start < in->end)) {
			size_t stop = nl ? (size_t)(nl - in->buf) : in->end;
			*text = in->buf + in->start;
			*len = stop - in->start;
			in->buf[stop] = '\0';
			in->start = nl ? stop + 1 : stop;
			in->line++;
			return 1;
		}
		if (in->eof) {
			close_current(in);
			continue;
		}
		if (in->end - in->start > CSF_LINE_MAX + LINE_EXTRA) {
			/* Too long: drop bytes up to the next newline. */
			for (;;) {
				in->start = in->end;
				fill(in);
				if (in->eof)
					break;
				nl = memchr(in->buf + in->start, '\n', in->end - in->start);
				if (nl) {
					in->start = (size_t)(nl - in->buf) + 1;
					break;
				}
			}
			in->line++;
			return -1;
		}
		fill(in);
	}
}

static int
is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* The two halves of csf_input_next, inline there (every tool reads
 * every line through it). */
static inline int
next_unchecked(csf_input *in, csf_line *ln)
{
	char *text;
	size_t len;
	int r;
	while ((r = next_physical(in, &text, &len)) != 0) {
		if (r < 0) {
			bad_at(in, in->line, "line too long (over %d bytes)", CSF_LINE_MAX);
			continue;
		}
		if (in->line == 1 && len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
			text += 3;
			len -= 3;
		}
		if (len && text[len - 1] == '\r')
			text[--len] = '\0';
		if (len > CSF_LINE_MAX) {
			bad_at(in, in->line, "line too long (over %d bytes)", CSF_LINE_MAX);
			continue;
		}
		if (is_blank(text, len))
			continue;
		ln->file = in->name;
		ln->line = in->line;
		ln->text = text;
		ln->len = len;
		ln->type = NULL;
		ln->members = NULL;
		return 1;
	}
	return 0;
}

static inline int
check(csf_input *in, csf_line *ln)
{
	if (in->trusted)
		return 1;
	const char *err = csf_scan_index(ln->text, ln->len, in->type, sizeof in->type,
	                                 in->note_members ? &in->members : NULL);
	ln->type = in->type;
	ln->members = in->note_members ? &in->members : NULL;
	if (err) {
		/* Encoding errors are named as such: the fix differs. */
		if (!strcmp(err, "invalid UTF-8"))
			bad_at(in, ln->line, "%s", err);
		else
			bad_at(in, ln->line, "invalid JSON: %s", csf_tr(err));
		return 0;
	}
	if (in->type[0] == '\\') {
		/* Written with escapes, or long: decode it, whole. */
		json_t *o = json_loadb(ln->text, ln->len, 0, NULL);
		const char *t = csf_str(o, "type");
		free(in->long_type);
		in->long_type = xstrdup(t ? t : "");
		ln->type = in->long_type;
		json_decref(o);
	}
	return 1;
}

int
csf_input_next(csf_input *in, csf_line *ln)
{
	while (next_unchecked(in, ln))
		if (in->unchecked || check(in, ln))
			return 1;
	return 0;
}

int
csf_input_next_unchecked(csf_input *in, csf_line *ln)
{
	/* the same loop (one copy of it, inline in csf_input_next) */
	in->unchecked = 1;
	int r = csf_input_next(in, ln);
	in->unchecked = 0;
	return r;
}

int
csf_input_check(csf_input *in, csf_line *ln)
{
	return check(in, ln);
}

json_t *
csf_line_parse(const csf_line *ln)
{
	/* The line passed csf_scan_json, so it decodes without checks. */
	return csf_build_json(ln->text, ln->len);
}

csf_input *
csf_input_of_stream(FILE *fp, const char *name)
{
	csf_input *in = csf_input_open(0, NULL);
	in->nfiles = 1;
	in->files = stdin_only;
	in->borrowed = fp;
	in->name = name;
	return in;
}

int
csf_input_can_rewind(csf_input *in)
{
	if (in->borrowed)
		return 1;
	for (int i = 0; i < in->nfiles; i++) {
		struct stat st;
		int is_stdin = !strcmp(in->files[i], "-");
		if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(in->files[i], &st)) != 0 || !S_ISREG(st.st_mode))
			return 0;
		if (is_stdin && (in->stdin_start = lseek(STDIN_FILENO, 0, SEEK_CUR)) < 0)
			return 0;
	}
	return 1;
}

void
csf_input_rewind(csf_input *in, int trusted)
{
	close_current(in);
	in->next_file = 0;
	in->again = 1;
	in->trusted = trusted;
	for (int i = 0; i < in->nfiles && !in->borrowed; i++)
		if (!strcmp(in->files[i], "-"))
			lseek(STDIN_FILENO, in->stdin_start, SEEK_SET);
}

void
csf_input_close(csf_input *in)
{
	if (!in)
		return;
	close_current(in);
	free(in->buf);
	free(in->long_type);
	free(in);
}

void
csf_pass_record(const csf_line *ln, json_t *obj)
{
	if (ln->text)
		csf_pass(ln);
	else
		csf_emit(obj);
}
