/* jsonutil.c - small accessors that keep type checks out of the tools. */
#include "csf.h"

const char *
csf_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}
