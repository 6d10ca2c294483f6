/* records.h - what makes the fields of a pipeline record valid, said once:
 * csf-check's schema table (lib/check) and the tools that read the records
 * (lib/tks, lib/mgmt) use these bounds and predicates, so a record the
 * checker accepts is one the tools accept, and the other way round. */
#ifndef CSF_RECORDS_H
#define CSF_RECORDS_H

#include "core/csf.h"

/* Levels of TKS answers and scores: the 0-4 self-assessment scale. */
#define CSF_TKS_LEVEL_MIN 0
#define CSF_TKS_LEVEL_MAX 4
/* Answers to a management check item are whole numbers on the scale of
 * the check set's generation, which is data (mgmt.ndjson), not code:
 * 1 <= min < max <= CSF_CHECK_SCALE_LIMIT (lib/mgmt keeps an answer in a
 * byte, 0 for none). */
#define CSF_CHECK_SCALE_LIMIT 100
/* A profile's "target" for its roles' items: 1-4 (0 would ask nothing). */
#define CSF_PROFILE_TARGET_MIN 1
#define CSF_PROFILE_TARGET_MAX 4

/* The one "generation" record of the data directory, its answer scale in
 * *min and *max: csf-assess scores on it and csf-check bounds answers by
 * it. Exit 1 with a message when there is not exactly one such record or
 * its scale is out of the bounds above. */
const json_t *csf_check_generation(int *min, int *max);
/* The same scale, or 0 when the data directory holds no single valid
 * generation (csf-check then has no scale to bound answers by). */
int csf_check_scale(int *min, int *max);

/* The record's "subject" if it is a non-empty string, else NULL (absent,
 * null, a number, an array, ""). */
const char *csf_record_subject(const json_t *rec);
/* An integer (not a real, string or boolean) from min to max: 1 and *out
 * set, else 0. */
int csf_int_in(const json_t *v, int min, int max, int *out);

#endif
