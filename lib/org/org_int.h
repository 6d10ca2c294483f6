/* org_int.h - helpers shared by the files of lib/org only. */
#ifndef ORG_INT_H
#define ORG_INT_H

#include "org/org.h"

/* Append s to the string array arr unless it is there. */
void org_add_unique(json_t *arr, const char *s);
/* The state of subject (opened or switched like a record of it would),
 * without adding a record; NULL if it was reported. */
struct org *org_reader_peek(org_reader *r, csf_input *in, const csf_line *ln, const char *subject);
/* A unit's display name: its "name" (a string, or {ja,en}), else its id. */
const char *org_unit_name(const struct org_unit *u);

#endif
