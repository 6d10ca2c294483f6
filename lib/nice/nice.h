/* NIST NICE Framework Components: loader for NIST's CPRT JSON exports.
 *
 * Reads every published shape: v2.0.0 / v2.2.0 (flat: documents, elements,
 * relationship_types, relationships at the top) and v2.1.0 (the same four
 * keys wrapped in {"response":{"elements":{...}}}).  Builds hash indexes
 * once; every string returned stays valid until nice_free().
 *
 * Known quirks are repaired and reported, never fatal: relationships naming
 * missing elements are dropped, NBSP and stray leading/trailing spaces in
 * titles and texts are trimmed, duplicate element IDs keep the first.
 */
#ifndef CSF_NICE_H
#define CSF_NICE_H

#include <stddef.h>
#include <stdio.h>

typedef struct nice_db nice_db;

/* Load PATH ("-" reads stdin).  NULL on failure, with the reason already
 * printed on stderr as "PROG: PATH: msg" (PATH:LINE for JSON syntax errors).
 * Quirks are noted on stderr as "PROG: PATH: note: ..." lines when DIAG is
 * not NULL (csf-check passes NULL: quirks of NIST's file are not ours). */
nice_db *nice_load(const char *path, FILE *diag);
void nice_free(nice_db *db);

const char *nice_path(const nice_db *db);      /* as given to nice_load */
const char *nice_version(const nice_db *db);   /* "2.0.0", "2.1.0", ... */
const char *nice_doc_id(const nice_db *db);    /* "SP_800_181_2_1_0", ... or "" */

/* Element look-up by identifier; NULL (kind) or "" (title, text) if absent. */
const char *nice_kind(const nice_db *db, const char *id);  /* element_type */
const char *nice_title(const nice_db *db, const char *id);
const char *nice_text(const nice_db *db, const char *id);

/* Elements in file order, for iteration (diff, listings). */
size_t nice_count(const nice_db *db);
const char *nice_id_at(const nice_db *db, size_t i);
const char *nice_kind_at(const nice_db *db, size_t i);
size_t nice_count_kind(const nice_db *db, const char *kind);

/* Relationships: targets of ID's outgoing edges (category -> work roles,
 * work role -> T/K/S/opm codes, ...) and sources of its incoming edges
 * (T/K/S -> the work roles that list it), in file order, without
 * duplicates.  *N gets the length; the array is NULL when it is 0. */
const char *const *nice_links(const nice_db *db, const char *id, size_t *n);
const char *const *nice_parents(const nice_db *db, const char *id, size_t *n);
/* The kinds of nice_links' targets, in the same order (no look-up each). */
const char *const *nice_link_kinds(const nice_db *db, const char *id, size_t *n);

/* The first incoming element of kind KIND: nice_parent_kind(db, wr,
 * "category") is a work role's category.  NULL if none. */
const char *nice_parent_kind(const nice_db *db, const char *id, const char *kind);

/* Count ID's outgoing links of kind KIND ("task", "knowledge", "skill"). */
size_t nice_links_kind(const nice_db *db, const char *id, const char *kind);

/* Quirks found while loading (all repaired). */
struct nice_quirks {
	size_t dangling;     /* relationships naming a missing element (dropped) */
	size_t dup_elements; /* repeated element IDs (first kept) */
	size_t dup_links;    /* repeated relationships (one kept) */
	size_t bad_records;  /* elements/relationships without string IDs (skipped) */
	size_t titles;       /* titles trimmed of NBSP/stray spaces */
	size_t texts;        /* texts trimmed of NBSP/stray spaces */
};
const struct nice_quirks *nice_quirks(const nice_db *db);

#endif
