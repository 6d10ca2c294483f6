/* nicemap - the framework's crosswalks: its 13 roles and T/K/S items to NICE
 * (v2.1.0 work roles and T/K/S IDs), to ITSS+, SecBoK, the 人材定義リファレンス
 * and CSIJ; and the interim report's 44 functions to NICE 1.0 and NIST CSF.
 * The NICE side comes from share/csf (nice_work_role records) or, when the
 * tool is given one, from NIST's own file (lib/nice/nice.h), which adds titles
 * and texts and lets the same questions be asked of another NICE version. */
#ifndef CSF_NICEMAP_H
#define CSF_NICEMAP_H

#include "core/csf.h"
#include "nice/nice.h"

/* Crosswalk targets (--to). */
enum {
	MAP_NICE = 1 << 0,    /* NICE work roles and T/K/S IDs */
	MAP_ITSS = 1 << 1,    /* ITSS+ (security domain) areas */
	MAP_SECBOK = 1 << 2,  /* SecBoK 2025 */
	MAP_JINZAI = 1 << 3,  /* 産業横断 人材定義リファレンス */
	MAP_CSIJ = 1 << 4,    /* CSIJ professional roles */
	MAP_NICE1 = 1 << 5,   /* functions -> NICE 1.0 specialty areas */
	MAP_CSF = 1 << 6,     /* functions -> NIST CSF v1.0 categories */
};
/* Parse a comma list ("itss,secbok"); 0 if any name is unknown. */
unsigned nicemap_targets(const char *list);
/* The canonical name of a single target bit ("itss", "nice1", ...). */
const char *nicemap_target_name(unsigned target);

typedef struct nicemap nicemap;

/* DB (borrowed, may be NULL) replaces share/csf's NICE facts. Exits 1 with
 * a message when neither gives any work role. */
nicemap *nicemap_new(nice_db *db);
void nicemap_free(nicemap *m);
const char *nicemap_version(const nicemap *m);
/* "work_role", "task", "knowledge", "skill", "category", ... or NULL. */
const char *nicemap_kind(nicemap *m, const char *id);

/* Forward: what OBJ (a parsed record of type TYPE) maps to under TARGETS,
 * as the compact JSON text of its "map" object in TEXT and LEN (valid until
 * the next call). Returns 1 when there is a map, 0 when the record names
 * nothing to map (pass it through unchanged), -1 with ERR filled for an ID
 * the data does not know. */
int nicemap_annotate(nicemap *m, json_t *obj, const char *type, unsigned targets,
    const char **text, size_t *len, char *err, size_t errsz);
/* The same from a record's line, unparsed, for the usual records (a gap
 * or score naming an item, role or function; an item of the data by
 * id): NICEMAP_PARSE when the line alone does not say (an escaped value,
 * a "map" already there, a subject not met before): parse it and call
 * nicemap_annotate. Needs the line's members (csf_input_note_members). */
#define NICEMAP_PARSE 2
int nicemap_annotate_line(nicemap *m, const csf_line *ln, const char *type, unsigned targets,
    const char **text, size_t *len, char *err, size_t errsz);
/* Does forward mapping read records of TYPE? (others pass through unparsed) */
int nicemap_owns(const char *type);

/* Reverse: one "reverse" record for KEY (a NICE ID, an ITSS+ area, a
 * SecBoK/reference/CSIJ name, a NICE 1.0 code or a CSF category) under
 * TARGET, or NULL with ERR filled. */
json_t *nicemap_reverse(nicemap *m, const char *key, unsigned target, char *err, size_t errsz);
/* The key a record offers for reverse look-up under TARGET, or NULL. */
const char *nicemap_reverse_key(const json_t *obj, const char *type, unsigned target);

/* --work-role: emit the work role and then each of its tasks, knowledge
 * and skills. -1 with ERR filled if ID is not a work role. */
int nicemap_work_role(nicemap *m, const char *id, char *err, size_t errsz);

/* Coverage of NICE work roles by the items records hold (CISA's view:
 * tasks vs knowledge+skills, per work role and per category). BY, if not
 * NULL, is the record field that splits the input into groups. BY
 * "subject" streams input grouped by subject unless UNGROUPED. */
typedef struct nicecov nicecov;
#define NICECOV_SHARD_MAX 1000000000   /* --shard N, a partial's "shard" */
struct nicecov_opts {
	const char *by;     /* --by FIELD, else NULL */
	int ungrouped;      /* -u */
	int partial;        /* --partial: write each group's covered IDs, to merge */
	long long shard;    /* --shard N: this partial's place in the input */
	int merge;          /* --merge: read partials (nicecov_merge) */
};
nicecov *nicecov_new(nicemap *m, const struct nicecov_opts *o);
/* 1 counted (or consumed), 0 not a record coverage reads (or a subject
 * that comes back, reported on LN), -1 unknown ID. */
int nicecov_add(nicecov *c, csf_input *in, const csf_line *ln, json_t *obj, const char *type,
                char *err, size_t errsz);
/* The same from the line alone, for the usual record (a score or gap of
 * a framework item, its numbers integers, the --by field a string without
 * escapes or absent): 1 with *RC as nicecov_add returns it, or 0 to parse
 * the line and call nicecov_add (which reports what is wrong). */
int nicecov_add_line(nicecov *c, csf_input *in, const csf_line *ln, const char *type, int *rc);
/* --merge: a "nice_coverage_partial" record, checked (reported on LN when
 * bad) and added to its group. Returns 1: the record is consumed. */
int nicecov_merge(nicecov *c, csf_input *in, const csf_line *ln, json_t *obj);
/* The same from the line's text for the usual shape: 1 if merged, 0 to
 * parse it and call nicecov_merge (which reports what is wrong). */
int nicecov_merge_fast(nicecov *c, const csf_line *ln);
/* The same from a line not yet validated, in the exact form a shard
 * writes (core/partial.h): 1 if merged, 0 to validate it and go on. */
int nicecov_merge_exact(nicecov *c, const csf_line *ln);
/* All the items of framework role ROLE, as a group of its own. */
int nicecov_add_role(nicecov *c, const char *role, char *err, size_t errsz);
/* Emit the coverage records and free C. */
void nicecov_finish(nicecov *c);
/* -j (core/jobs.h): in a worker, before its piece; nicecov_finish then
 * writes what the piece left it holding to STATE, not its figures. */
void nicecov_shard_begin(nicecov *c, FILE *state);
/* In the process that read the pieces before, with a worker's STATE: 1
 * if its piece joins on (OUT written up to where the piece's first
 * counted record writes here), or 0, having changed nothing. */
struct csf_joining;
int nicecov_shard_join(nicecov *c, FILE *state, struct csf_joining *out);
/* Read in turns: in a worker after each of its pieces, the state of the
 * piece (nicecov_finish's, the coverage then going on empty). */
int nicecov_turn_end(nicecov *c);

/* --diff: emit one record per element added, removed or changed from OLD
 * to NEW, then a summary with counts per element type. */
void nice_diff(const nice_db *old, const nice_db *new_);

#endif
