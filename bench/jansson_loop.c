/* jansson_loop.c - the floor a per-record filter is measured against:
 * read lines, parse each with jansson, keep answers, print compactly. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		json_t *o = json_loadb(line, (size_t)n, 0, NULL);
		if (!o)
			return 1;
		const char *t = json_string_value(json_object_get(o, "type"));
		if (t && strcmp(t, "answer") == 0) {
			json_dumpf(o, stdout, JSON_COMPACT);
			putchar('\n');
		}
		json_decref(o);
	}
	free(line);
	return 0;
}
