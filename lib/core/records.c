/* records.c - the shared predicates of records.h. */
#include "core/records.h"

const char *
csf_record_subject(const json_t *rec)
{
	const char *s = csf_str(rec, "subject");
	return s && *s ? s : NULL;
}

int
csf_int_in(const json_t *v, int min, int max, int *out)
{
	if (!json_is_integer(v))
		return 0;
	json_int_t i = json_integer_value(v);
	if (i < min || i > max)
		return 0;
	*out = (int)i;
	return 1;
}
