/* jsonutil.c - small accessors that keep type checks out of the tools. */
#include <string.h>

#include "core/csf.h"

const char *
csf_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* Is s one of the names of the comma-separated list ("role,meta")? */
int
csf_in_list(const char *list, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = list; *p; ) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !memcmp(p, s, n))
			return 1;
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}
