/* partial.c - partial records' counts and atomic lines (see partial.h). */
#include "core/jsonlex.h"
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

const char *
csf_exact_str(csf_exact *c, size_t *len)
{
	const char *p = c->p, *end = c->end;
	if (p == end || *p != '"')
		return NULL;
	const char *start = ++p;
	for (;;) {
		p = (const char *)jsonlex_plain_span((const unsigned char *)p, (const unsigned char *)end);
		if (p == end)
			return NULL;
		unsigned char b = (unsigned char)*p;
		if (b == '"')
			break;
		int n = b >= 0x80 ? csf_utf8_len((const unsigned char *)p, (const unsigned char *)end) : 0;
		if (!n)
			return NULL;   /* an escape or a control character: not the exact form */
		p += n;
	}
	*len = (size_t)(p - start);
	c->p = p + 1;
	return start;
}
