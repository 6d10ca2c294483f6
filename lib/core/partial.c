/* partial.c - partial records' counts and atomic lines (see partial.h). */
#include <stdint.h>

#include "core/partial.h"

int
csf_count_of(const json_t *v, long long *out)
{
	if (!json_is_integer(v))
		return 0;
	json_int_t i = json_integer_value(v);
	if (i < 0 || i > CSF_COUNT_MAX)
		return 0;
	*out = (long long)i;
	return 1;
}

void
jw_partial_emit(jw *w)
{
	while (w->depth > 0)
		jw_close(w);
	jw_emit_atomic(w);
}

int
jw_partial_full(jw *w, size_t mark, int entries)
{
	/* what closing needs: a bracket a level, "}" and the newline */
	if (entries == 0 || w->len + (size_t)w->depth + 2 <= CSF_ATOMIC_MAX)
		return 0;
	w->len = mark;
	jw_partial_emit(w);
	return 1;
}

/* Eight bytes at once: a high bit on each byte that is not printable
 * ASCII other than '"' and '\\' (what a string holds as it is). Borrows
 * can mark bytes above a marked one, so only the lowest mark is sure. */
static uint64_t
special8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
	/* a byte below 0x20, a zero byte of quote or slash, or a high bit */
	return ((x - ones * 0x20) | (quote - ones) | (slash - ones) | x) & high;
}

const char *
csf_exact_str(csf_exact *c, size_t *len)
{
	const char *p = c->p, *end = c->end;
	if (p == end || *p != '"')
		return NULL;
	const char *start = ++p;
	for (;;) {
		if (end - p >= 8) {
			uint64_t m = special8(p);
			if (!m) {
				p += 8;
				continue;
			}
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			p += __builtin_ctzll(m) >> 3;   /* straight to the first byte that is not plain */
#endif
		} else if (p == end)
			return NULL;
		unsigned char b = (unsigned char)*p;
		if (b == '"')
			break;
		if (b >= 0x80) {
			int n = csf_utf8_len((const unsigned char *)p, (const unsigned char *)end);
			if (!n)
				return NULL;
			p += n;
		} else if (b < 0x20 || b == '\\')
			return NULL;
		else
			p++;
	}
	*len = (size_t)(p - start);
	c->p = p + 1;
	return start;
}
