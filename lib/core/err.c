/* err.c - messages in the one shape every tool uses: "csf-X: FILE:LINE: msg".
 * Every message goes through csf_vwarn_at, which makes the line safe to
 * print: control characters, bidi overrides and bytes that are not UTF-8
 * become visible escapes (a value cannot forge a second "csf-X:" line or
 * drive the terminal), and an overlong message loses its middle, on a
 * character boundary, so its end ("(first at FILE:LINE)") survives.
 * It prints the format in the language of --lang or the locale. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/msgcat.h"

const char *argv0 = "csf";
/* The common options live beside argv0, not in cli.c: messages follow
 * --lang, and the option parser itself reports through this file. */
struct csf_common csf_opt = { NULL, NULL, "en", 0 };

static int
by_msgid(const void *a, const void *b)
{
	return strcmp(((const struct csf_msg *)a)->id, ((const struct csf_msg *)b)->id);
}

/* The generated table is in file order; sorted once, on the first message
 * printed in Japanese (a few hundred entries: microseconds). */
const char *
csf_tr(const char *msgid)
{
	static struct csf_msg *sorted;
	if (!msgid || strcmp(csf_opt.lang, "ja") != 0 || csf_msgs_ja_n == 0)
		return msgid;
	if (!sorted) {
		sorted = malloc(csf_msgs_ja_n * sizeof *sorted);
		if (!sorted)
			return msgid;
		memcpy(sorted, csf_msgs_ja, csf_msgs_ja_n * sizeof *sorted);
		qsort(sorted, csf_msgs_ja_n, sizeof *sorted, by_msgid);
	}
	struct csf_msg key = { msgid, NULL };
	const struct csf_msg *m = bsearch(&key, sorted, csf_msgs_ja_n, sizeof *sorted, by_msgid);
	return m ? m->str : msgid;
}

/* The errors files, pipes and disks give, in our own words (the same as
 * glibc's English), so the catalogue holds them; others as the C library
 * says them (the tools never call setlocale: English). */
const char *
csf_strerror(int e)
{
	switch (e) {
	case ENOENT: return csf_tr(N_("No such file or directory"));
	case EACCES: return csf_tr(N_("Permission denied"));
	case EPERM: return csf_tr(N_("Operation not permitted"));
	case EISDIR: return csf_tr(N_("Is a directory"));
	case ENOTDIR: return csf_tr(N_("Not a directory"));
	case ENOSPC: return csf_tr(N_("No space left on device"));
	case EROFS: return csf_tr(N_("Read-only file system"));
	case EEXIST: return csf_tr(N_("File exists"));
	case ENAMETOOLONG: return csf_tr(N_("File name too long"));
	case ELOOP: return csf_tr(N_("Too many levels of symbolic links"));
	case EIO: return csf_tr(N_("Input/output error"));
	case ENOMEM: return csf_tr(N_("Cannot allocate memory"));
	case EMFILE: return csf_tr(N_("Too many open files"));
	case EPIPE: return csf_tr(N_("Broken pipe"));
	case EFBIG: return csf_tr(N_("File too large"));
	case EDQUOT: return csf_tr(N_("Disk quota exceeded"));
	case EXDEV: return csf_tr(N_("Invalid cross-device link"));
	case EBUSY: return csf_tr(N_("Device or resource busy"));
	case EILSEQ: return csf_tr(N_("Invalid or incomplete multibyte or wide character"));
	case EINVAL: return csf_tr(N_("Invalid argument"));
	}
	return strerror(e);
}

void
csf_msgf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, size, csf_tr(fmt), ap);
	va_end(ap);
}

char *
csf_vfmt(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
csf_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = csf_vfmt(fmt, ap);
	va_end(ap);
	return s;
}

/* The printable form of one character or stray byte at p (n bytes left):
 * its length in the input is returned, its escaped text goes to out
 * (at most 12 bytes, NUL-terminated). */
static size_t
escape_unit(const unsigned char *p, size_t n, char *out)
{
	static const char named[] = "\a" "a" "\b" "b" "\t" "t" "\n" "n" "\v" "v" "\f" "f" "\r" "r" "\033" "e";
	unsigned char c = p[0];
	if (c < 0x20 || c == 0x7f) {
		for (const char *q = named; *q; q += 2)
			if ((unsigned char)q[0] == c) {
				out[0] = '\\', out[1] = q[1], out[2] = '\0';
				return 1;
			}
		snprintf(out, 12, "\\x%02x", c);
		return 1;
	}
	if (c < 0x80) {
		out[0] = (char)c, out[1] = '\0';
		return 1;
	}
	int len = csf_utf8_len(p, p + n);
	if (len == 0) {
		snprintf(out, 12, "\\x%02x", c);
		return 1;
	}
	unsigned long cp = len == 2 ? (c & 0x1fUL) << 6 | (p[1] & 0x3f)
	    : len == 3 ? (c & 0x0fUL) << 12 | (p[1] & 0x3fUL) << 6 | (p[2] & 0x3f)
	    : (c & 0x07UL) << 18 | (p[1] & 0x3fUL) << 12 | (p[2] & 0x3fUL) << 6 | (p[3] & 0x3f);
	/* C1 controls, line/paragraph separators, bidi embeddings and
	 * overrides, isolates: invisible or reordering. */
	if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029
	    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
	    || cp == 0x200e || cp == 0x200f || cp == 0x061c) {
		snprintf(out, 12, "\\u%04lx", cp);
		return (size_t)len;
	}
	memcpy(out, p, (size_t)len);
	out[len] = '\0';
	return (size_t)len;
}

char *
csf_escape_text(const char *s, size_t n)
{
	size_t cap = n + 16, len = 0;
	char *out = xmalloc(cap);
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; ) {
		char unit[12];
		i += escape_unit(p + i, n - i, unit);
		size_t u = strlen(unit);
		if (len + u + 1 > cap) {
			cap = (len + u + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + len, unit, u);
		len += u;
	}
	out[len] = '\0';
	return out;
}

/* Escaped text is ASCII escapes plus whole UTF-8 characters: a byte that
 * is not a continuation byte starts a character. */
static size_t
char_start_before(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

static long (*real_line)(long line);

void
csf_lines_counted_by(long (*fn)(long line))
{
	real_line = fn;
}

long
csf_line_number(long line)
{
	return line > CSF_LINES_UNCOUNTED && real_line ? real_line(line) : line;
}

char *
csf_message_line(const char *file, long line, const char *msg)
{
	line = csf_line_number(line);
	char *head = file ? (line > 0 ? csf_fmt("%s: %s:%ld: ", argv0, file, line)
	    : csf_fmt("%s: %s: ", argv0, file)) : csf_fmt("%s: ", argv0);
	char *raw = csf_fmt("%s%s", head, msg);
	free(head);
	char *esc = csf_escape_text(raw, strlen(raw));
	free(raw);
	size_t n = strlen(esc);
	if (n > CSF_MSG_MAX) {
		/* Keep the start (who, where) and the end (what, first where). */
		size_t keep_head = char_start_before(esc, CSF_MSG_MAX * 3 / 5);
		size_t keep_tail = n - (CSF_MSG_MAX - keep_head - 3);
		while (((unsigned char)esc[keep_tail] & 0xc0) == 0x80)
			keep_tail++;
		static const char cut[] = "\xe2\x80\xa6";   /* … */
		memcpy(esc + keep_head, cut, 3);
		memmove(esc + keep_head + 3, esc + keep_tail, n - keep_tail + 1);
	}
	return esc;
}

void
csf_vwarn_at(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	/* A lone "%s" prints a message kept elsewhere (marked N_): translate it. */
	char *msg = strcmp(fmt, "%s") == 0 ? xstrdup(csf_tr(va_arg(ap, const char *)))
	    : csf_vfmt(csf_tr(fmt), ap);
	char *out = csf_message_line(file, line, msg);
	size_t n = strlen(out);
	out[n] = '\n';
	fwrite(out, 1, n + 1, stderr);
	free(out);
	free(msg);
}

void
csf_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	csf_vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
}

void
csf_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	csf_vwarn_at(file, line, fmt, ap);
	va_end(ap);
}

void
csf_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	csf_vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

/* Not through csf_vwarn_at: that allocates. */
static _Noreturn void
out_of_memory(void)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", argv0, csf_tr("out of memory"));
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}
