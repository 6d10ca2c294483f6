/* buf.h - text gathered in memory and written at once: a report's person
 * section or chart is thousands of small pieces, and a stdio call per
 * piece cost more than making them. Appends are inline; the buffer grows
 * as needed and is kept for the next section. */
#ifndef CSF_BUF_H
#define CSF_BUF_H

#include <stdio.h>
#include <string.h>

typedef struct {
	char *p;
	size_t n, cap;
	int on_heap;   /* p was malloc'd (else the caller's array, see CSF_BUF_ON) */
} csf_buf;

/* A buffer starting in the caller's array (on the stack), moved to the
 * heap if it outgrows it. */
#define CSF_BUF_ON(arr) { (arr), 0, sizeof (arr), 0 }

/* Room for n more bytes. */
void csf_buf_grow(csf_buf *b, size_t n);

static inline void
csf_buf_put(csf_buf *b, const char *s, size_t n)
{
	if (b->cap - b->n < n)
		csf_buf_grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static inline void
csf_buf_puts(csf_buf *b, const char *s)
{
	csf_buf_put(b, s, strlen(s));
}

static inline void
csf_buf_putc(csf_buf *b, char c)
{
	if (b->n == b->cap)
		csf_buf_grow(b, 1);
	b->p[b->n++] = c;
}

/* A string literal, its length known at compile time. */
#define csf_buf_lit(b, s) csf_buf_put((b), "" s, sizeof (s) - 1)

/* printf into the buffer, for the few pieces a section has once. */
void csf_buf_printf(csf_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* An integer in decimal, as %lld writes it. */
void csf_buf_int(csf_buf *b, long long v);

/* Write what is gathered to f and empty the buffer (keeping its room). */
void csf_buf_write(csf_buf *b, FILE *f);
/* The same straight to f's file (stdio's buffer flushed first) when
 * there is much: a copy into stdio's buffer saved. Errors still show in
 * ferror(f). */
void csf_buf_write_through(csf_buf *b, FILE *f);
void csf_buf_free(csf_buf *b);

#endif
