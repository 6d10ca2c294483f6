/* partial.h - what the --partial / --merge pairs of the aggregating tools
 * share (csf-gap, csf-map-nice --coverage). A shard writes its sums as
 * partial records; a merge adds them up to what one run over all the input
 * writes, after checking each one (FILE:LINE). */
#ifndef CSF_PARTIAL_H
#define CSF_PARTIAL_H

#include "core/csf.h"
#include "core/jw.h"

#include <string.h>

/* Counts stay below 2^53: exact in a double (means, shares) and far from
 * overflowing when shards are added. */
#define CSF_COUNT_MAX 9007199254740991LL

/* 1 and the value in *out if V is an integer from 0 to CSF_COUNT_MAX. */
int csf_count_of(const json_t *v, long long *out);
/* Does count a + count b stay within CSF_COUNT_MAX? (inline: a merge
 * asks once per entry) */
static inline int
csf_count_fits(long long a, long long b)
{
	return b <= CSF_COUNT_MAX - a;
}

/* Shards are often written into one pipe at once, so each partial line is
 * written whole with one write(2) and kept within CSF_ATOMIC_MAX bytes: the
 * entries of a record's last list that do not fit go on in further records
 * of the same group. Call after writing one entry that began at MARK (the
 * length before it), ENTRIES the entries already in this record: when the
 * record has grown past the limit and the entry is not its first, the entry
 * is taken back, the record written, and 1 returned (begin the next record
 * of the group and write the entry again); else 0. Only an entry longer
 * than the limit by itself makes a longer line. */
int jw_partial_full(jw *w, size_t mark, int entries);
/* Close what is open and write the record with one write(2). */
void jw_partial_emit(jw *w);

/* ---- Reading partial lines in the exact form the tools write them ----
 * A merge of many shards reads little else, so the usual form (the tool's
 * key order, no blanks, no escapes, counts as plain digits) is read in one
 * pass that is its own validation: every step below accepts only what
 * csf_scan_json accepts in its place, so a line read to its end this way
 * is valid JSON. Anything else makes a step fail (0), and the caller then
 * gives the line to the general path (csf_input_check, the decoded
 * reader), which reports what is wrong with FILE:LINE as always. */
typedef struct {
	const char *p, *end;
} csf_exact;

/* Match the N bytes of LIT. */
static inline int
csf_exact_lit(csf_exact *c, const char *lit, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

static inline int
csf_exact_byte(csf_exact *c, char b)
{
	if (c->p == c->end || *c->p != b)
		return 0;
	c->p++;
	return 1;
}

/* A count: 0, or digits without a leading zero, up to CSF_COUNT_MAX. */
static inline int
csf_exact_count(csf_exact *c, long long *out)
{
	const char *p = c->p;
	if (p == c->end || (unsigned)(*p - '0') > 9)
		return 0;
	long long v = *p++ - '0';
	if (v == 0) {
		c->p = p;   /* "01" fails at the caller's next step */
		*out = 0;
		return 1;
	}
	while (p < c->end && (unsigned)(*p - '0') <= 9)
		if ((v = v * 10 + (*p++ - '0')) > CSF_COUNT_MAX)
			return 0;
	c->p = p;
	*out = v;
	return 1;
}

/* "null". */
static inline int
csf_exact_null(csf_exact *c)
{
	return csf_exact_lit(c, "null", 4);
}

/* A string without escapes or control characters, in well-formed UTF-8:
 * its bytes (between the quotes) and length, or NULL. */
const char *csf_exact_str(csf_exact *c, size_t *len);

#endif
