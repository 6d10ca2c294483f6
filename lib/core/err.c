/* err.c - messages in the one shape every tool uses: "csf-X: FILE:LINE: msg",
 * in the language of --lang or the locale. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/msgcat.h"

const char *argv0 = "csf";

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

static void
vwarn(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", argv0);
	if (file)
		fprintf(stderr, line > 0 ? "%s:%ld: " : "%s: ", file, line);
	if (strcmp(fmt, "%s") == 0)
		fputs(csf_tr(va_arg(ap, const char *)), stderr);
	else
		vfprintf(stderr, csf_tr(fmt), ap);
	fputc('\n', stderr);
}

void
csf_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
}

void
csf_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(file, line, fmt, ap);
	va_end(ap);
}

void
csf_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		csf_die(1, "out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		csf_die(1, "out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		csf_die(1, "out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}
