/* partial.h - what the --partial / --merge pairs of the aggregating tools
 * share (csf-gap, csf-map-nice --coverage). A shard writes its sums as
 * partial records; a merge adds them up to what one run over all the input
 * writes, after checking each one (FILE:LINE). */
#ifndef CSF_PARTIAL_H
#define CSF_PARTIAL_H

#include "core/csf.h"
#include "core/jw.h"

/* Counts stay below 2^53: exact in a double (means, shares) and far from
 * overflowing when shards are added. */
#define CSF_COUNT_MAX 9007199254740991LL

/* 1 and the value in *out if V is an integer from 0 to CSF_COUNT_MAX. */
int csf_count_of(const json_t *v, long long *out);
/* Does count a + count b stay within CSF_COUNT_MAX? */
int csf_count_fits(long long a, long long b);

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

#endif
