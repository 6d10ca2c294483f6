/* jw-real.c - jw_real against jansson's own writing of a real
 * (JSON_REAL_PRECISION(15), what csf_emit writes), for tests/jw-real.bats:
 * decimals of up to 8 places as csf_round makes them, their neighbours,
 * and random doubles. Prints the count and each difference; exit 1 if any. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jw.h"

static long checked, differ;

static void
check(double v)
{
	if (!isfinite(v))
		return;   /* JSON has no such number: neither writes one */
	jw w = { 0 };
	jw_begin(&w);
	size_t at = w.len;
	jw_real(&w, NULL, v);
	json_t *r = json_real(v);
	char *want = json_dumps(r, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
	checked++;
	if (w.len - at != strlen(want) || memcmp(w.buf + at, want, w.len - at)) {
		if (differ++ < 20)
			printf("%.17g: jw %.*s, jansson %s\n", v, (int)(w.len - at), w.buf + at, want);
	}
	free(want);
	json_decref(r);
	jw_free(&w);
}

static unsigned long long state = 88172645463325252ULL;

static unsigned long long
next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

int
main(void)
{
	static const double edge[] = { 0, -0.0, 1e-4, 9.9999e-5, 1e-5, 1e15, 999999999999999, 999999999999999.9,
		1e14, 0.1 + 0.2, 1.0 / 3, 2.675, 2.25, 1e300, -1e-300, 5e-324, 0.5, 1, -1, 100, 12345678.9, 0.000123,
		123456789012345, 1234567890123456, 0.1, 0.05, 0.005, 0.0005, 0.00005, 0.0001234567, 99.95, 0.999 };
	for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
		check(edge[i]);
	for (int d = 0; d <= 8; d++)
		for (long i = 0; i < 8000; i++) {
			long long k = (long long)(next() % 1000000000000000ULL);
			if (i % 3 == 0)
				k %= 100000;
			else if (i % 3 == 1)
				k %= 1000;
			double v = (double)k / pow(10, d);
			check(v);
			check(-v);
			check(csf_round(v / 7, 3));
			check(csf_round(100.0 * v / (double)(k + 1), 1));
			check(nextafter(v, 0));
			check(nextafter(v, 1e300));
		}
	for (long i = 0; i < 100000; i++) {
		unsigned long long bits = next();
		double v;
		memcpy(&v, &bits, sizeof v);
		check(v);
		check(csf_round((double)(next() % 100000) / (double)(next() % 1000 + 1), 2));
	}
	printf("%ld checked, %ld differ\n", checked, differ);
	return differ != 0;
}
