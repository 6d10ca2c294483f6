/* jsonutil.c - small accessors that keep type checks out of the tools. */
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"

const char *
csf_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A printable rendering of a bad value for messages. */
const char *
csf_json_show(const json_t *v, char *buf, size_t n)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	snprintf(buf, n, "%s", s ? s : "?");
	if (s && strlen(s) >= n && n > 4)
		memcpy(buf + n - 4, "...", 4);
	free(s);
	return buf;
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

int
csf_array_has(const json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}
