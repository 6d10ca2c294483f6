/* err.c - messages in the one shape every tool uses: "csf-X: FILE:LINE: msg". */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"

const char *argv0 = "csf";

static void
vwarn(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", argv0);
	if (file)
		fprintf(stderr, line > 0 ? "%s:%ld: " : "%s: ", file, line);
	vfprintf(stderr, fmt, ap);
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
