/* partial.c - partial records' counts and atomic lines (see partial.h). */
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

int
csf_count_fits(long long a, long long b)
{
	return b <= CSF_COUNT_MAX - a;
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
