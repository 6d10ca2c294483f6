/* schema.h - what a valid record of each csf type looks like (the table in
 * schema.c), and a checker that applies it to whole streams: per-record
 * fields, unique IDs, references between records, NICE IDs. */
#ifndef CSF_SCHEMA_H
#define CSF_SCHEMA_H

#include "core/csf.h"

#include "nice/nice.h"

typedef struct csf_checker csf_checker;

csf_checker *csf_checker_new(void);
/* From now on, check every "nice" ID against db (which stays the caller's). */
void csf_checker_set_nice(csf_checker *ck, const nice_db *db);
/* Check one decoded record; its own problems are reported at once as
 * "FILE:LINE: type id: path: message". References are kept for later. */
void csf_checker_record(csf_checker *ck, const char *file, long line, const json_t *rec);
/* Resolve the references against every record seen, and for types the
 * input holds none of, against the data directory; report the rest.
 * Returns the number of problems found since csf_checker_new. */
long csf_checker_finish(csf_checker *ck);
void csf_checker_free(csf_checker *ck);

/* 1 if the type has an entry in the schema table. */
int csf_schema_known(const char *type);

#endif
