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

/* The one generation record and its scale; why: 1 no single record, 2 a
 * bad scale. Looked up once. */
static const json_t *
generation(int *min, int *max, int *why)
{
	static const json_t *gen;
	static int lo, hi, bad;
	static size_t count;
	if (!gen && !bad) {
		json_t *gens = csf_data_all("generation");
		count = json_array_size(gens);
		json_t *g = json_array_get(gens, 0), *scale = json_object_get(g, "scale");
		if (count != 1)
			bad = 1;
		else if (!csf_str(g, "id") || !csf_int_in(json_object_get(scale, "min"), 1, CSF_CHECK_SCALE_LIMIT, &lo) ||
		         !csf_int_in(json_object_get(scale, "max"), lo + 1, CSF_CHECK_SCALE_LIMIT, &hi))
			bad = 2;
		else
			gen = g;
	}
	*min = lo;
	*max = hi;
	*why = bad;
	if (bad == 1)
		*min = (int)count;   /* for the message */
	return gen;
}

const json_t *
csf_check_generation(int *min, int *max)
{
	int why;
	const json_t *gen = generation(min, max, &why);
	if (why == 1)
		csf_die(1, "%s/mgmt.ndjson: expected one generation record, found %zu", csf_datadir(), (size_t)*min);
	if (why == 2)
		csf_die(1, "%s/mgmt.ndjson: the generation record needs an id and a scale 1 <= min < max <= %d",
		        csf_datadir(), CSF_CHECK_SCALE_LIMIT);
	return gen;
}

int
csf_check_scale(int *min, int *max)
{
	int why;
	return generation(min, max, &why) != NULL;
}
