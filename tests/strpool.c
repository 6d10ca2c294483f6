/* strpool.c - the string pool (lib/core/strpool.c) against a plain list:
 * every key found with its value, values that never move while the table
 * grows, keys of any length (one longer than a block), a key added twice
 * keeps its first value. Prints what it found; silence on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strpool.h"

enum { N = 200000 };

int
main(void)
{
	strpool *p = strpool_new();
	static void *where[N];
	char key[32];
	size_t bad = 0, moved = 0;
	for (uint64_t i = 0; i < N; i++) {
		snprintf(key, sizeof key, "u%07llu", (unsigned long long)i);
		int created;
		uint64_t v = i * 3 + 1;
		where[i] = strpool_put(p, key, &v, sizeof v, &created);
		if (!created || ((uintptr_t)where[i] & 7))
			bad++;
	}
	for (uint64_t i = 0; i < N; i++) {
		snprintf(key, sizeof key, "u%07llu", (unsigned long long)i);
		uint64_t *v = strpool_get(p, key);
		if (!v || *v != i * 3 + 1)
			bad++;
		if ((void *)v != where[i])
			moved++;
		int created;
		uint64_t other = 7;
		if (strpool_put(p, key, &other, sizeof other, &created) != where[i] || created)
			bad++;
	}
	printf("%zu keys: %zu wrong, %zu moved\n", strpool_count(p), bad, moved);
	/* the empty key, a value of no bytes, a key longer than a block */
	size_t long_n = 100000;
	char *big = malloc(long_n + 1);
	memset(big, 'k', long_n);
	big[long_n] = '\0';
	strpool_put(p, "", "empty key", 10, NULL);
	strpool_put(p, "nothing", NULL, 0, NULL);
	strpool_put(p, big, "long", 5, NULL);
	const char *found_long = strpool_get(p, big);
	big[long_n - 1] = 'j';   /* a key that differs in its last byte only */
	const char *found_off = strpool_get(p, big);
	printf("empty key: %s; no bytes: %s; long key: %s; one byte off: %s; absent: %s\n",
	    (char *)strpool_get(p, ""), strpool_get(p, "nothing") ? "found" : "lost",
	    found_long ? found_long : "lost", found_off ? "found" : "absent",
	    strpool_get(p, "u9999999") ? "found" : "absent");
	printf("%zu keys\n", strpool_count(p));
	free(big);
	strpool_free(p);
	return 0;
}
