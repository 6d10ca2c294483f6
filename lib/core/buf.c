/* buf.c - text gathered in memory (buf.h). */
#include <stdarg.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/csf.h"

void
csf_buf_grow(csf_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->n < n)
		cap *= 2;
	if (b->on_heap)
		b->p = xrealloc(b->p, cap);
	else {
		char *p = xmalloc(cap);
		if (b->n)
			memcpy(p, b->p, b->n);
		b->p = p;
		b->on_heap = 1;
	}
	b->cap = cap;
}

void
csf_buf_write(csf_buf *b, FILE *f)
{
	if (b->n)
		fwrite(b->p, 1, b->n, f);
	b->n = 0;
}

void
csf_buf_write_through(csf_buf *b, FILE *f)
{
	int fd = fileno(f);
	if (b->n < 65536 || fd < 0 || fflush(f) != 0) {
		csf_buf_write(b, f);
		return;
	}
	size_t done = csf_write_all(fd, b->p, b->n);
	if (done < b->n)
		fwrite(b->p + done, 1, b->n - done, f);   /* fails again, and f says so */
	b->n = 0;
}

void
csf_buf_free(csf_buf *b)
{
	if (b->on_heap)
		free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->on_heap = 0;
}

void
csf_buf_printf(csf_buf *b, const char *fmt, ...)
{
	va_list ap;
	/* A section's headings are words put in markup ("<h3>%s</h3>"):
	 * formats of nothing but %s and %% are filled in here, without
	 * printf's machinery. */
	const char *c = fmt;
	while ((c = strchr(c, '%')) && (c[1] == 's' || c[1] == '%'))
		c += 2;
	if (!c) {
		va_start(ap, fmt);
		for (c = fmt; *c; ) {
			const char *pct = strchr(c, '%');
			size_t lit = pct ? (size_t)(pct - c) : strlen(c);
			csf_buf_put(b, c, lit);
			if (!pct)
				break;
			if (pct[1] == 's') {
				const char *arg = va_arg(ap, const char *);
				csf_buf_puts(b, arg ? arg : "(null)");   /* as glibc's printf */
			} else
				csf_buf_putc(b, '%');
			c = pct + 2;
		}
		va_end(ap);
		return;
	}
	va_start(ap, fmt);
	int n = vsnprintf(b->p ? b->p + b->n : NULL, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->n) {
		csf_buf_grow(b, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
	}
	b->n += (size_t)n;
}

void
csf_buf_int(csf_buf *b, long long v)
{
	char d[24], *q = d + sizeof d;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--q = '-';
	csf_buf_put(b, q, (size_t)(d + sizeof d - q));
}
