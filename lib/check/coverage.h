/* coverage.h - whether resource records cover every knowledge and skill
 * item of every persona and role at a level that fits its target. */
#ifndef CSF_COVERAGE_H
#define CSF_COVERAGE_H

#include "core/csf.h"

/* Calls report once per item and target no chain of resources reaches
 * (why: "none", "above", "outsourced" or "levels"); returns the count. */
long tks_coverage(json_t *resources, void (*report)(const char *item, int target, const char *who, const char *why));

#endif
