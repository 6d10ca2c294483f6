/* strpool.c - the string pool (lib/core/strmap.c) against a plain list:
 * every key found with its value, values that never move while the table
 * grows, keys of any length (one longer than a block), a key added twice
 * keeps its first value. Prints what it found; silence on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"

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

	/* hashindex: names of one hash each keep their value; one home slot
	 * shared by other hashes; the table grows past 100 000 values. */
	hashindex *x = hashindex_new();
	hashindex_add(x, 5, 10);
	hashindex_add(x, 5 + 64, 30);
	hashindex_add(x, 5, 20);
	hashindex_add(x, 0, 40);
	size_t k = 0;
	long v;
	printf("under 5:");
	while ((v = hashindex_next(x, 5, &k)) >= 0)
		printf(" %ld", v);
	k = 0;
	printf("; under 69: %ld", hashindex_next(x, 69, &k));
	printf(", then %ld", hashindex_next(x, 69, &k));
	k = 0;
	printf("; under 0: %ld; under 6: ", hashindex_next(x, 0, &k));
	k = 0;
	printf("%ld\n", hashindex_next(x, 6, &k));
	for (long i = 0; i < 100000; i++)
		hashindex_add(x, (uint64_t)i * 0x9e3779b97f4a7c15ULL + 7, 100 + i);
	long sum = 0, n = 0, lost = 0;
	for (size_t i = 0; (v = hashindex_each(x, &i)) >= 0; n++)
		sum += v;
	for (long i = 0; i < 100000; i += 997) {
		k = 0;
		if (hashindex_next(x, (uint64_t)i * 0x9e3779b97f4a7c15ULL + 7, &k) != 100 + i)
			lost++;
	}
	printf("%zu values, %ld listed, sum %ld, %ld lost\n", hashindex_count(x), n, sum, lost);
	hashindex_free(x);
	return 0;
}
