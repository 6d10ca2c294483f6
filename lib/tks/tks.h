/* tks.h - the framework model the pipeline computes over: every task,
 * knowledge and skill item under a dense index, roles as bits, personas
 * resolved once. Built from share/csf on first use. */
#ifndef CSF_TKS_H
#define CSF_TKS_H

#include <stdint.h>

#include "core/csf.h"

enum { TKS_TASK, TKS_KNOWLEDGE, TKS_SKILL };
enum { MODE_OWN, MODE_SUPPORT, MODE_OUTSOURCE, MODE_NONE };
enum { PHASE_NORMAL, PHASE_INCIDENT, PHASE_NONE };
#define TKS_MAX_ROLES 64
#define TARGET_MAX 4          /* the self-assessment scale is 0..4 */
#define ROLE_TARGET_DEFAULT 3 /* role items: "can do it independently" */

typedef struct {
	const char *id;
	int cls;              /* TKS_TASK .. TKS_SKILL */
	uint64_t roles;       /* bit r: role tks_role_id(r) lists this item */
	size_t data_index;    /* its place among the records of its class */
} tks_item;

typedef struct {
	const char *id;
	int n;
	int *idx;             /* item indexes */
	signed char *mode, *phase, *target;
} tks_persona;

void tks_load(void);
int tks_count(void);
const tks_item *tks_at(int idx);
json_t *tks_record(int idx);              /* the data record (borrowed), decoded on first use */
int tks_index(const char *id);            /* -1 if unknown */
int tks_role_count(void);
const char *tks_role_id(int r);
int tks_role_index(const char *id);       /* -1 if unknown */
const int *tks_role_items(int r, int *n);
const tks_persona *tks_persona_get(const char *id);   /* NULL if unknown */

const char *tks_class_name(int cls);      /* "task", "knowledge", "skill" */
const char *tks_mode_name(int mode);      /* "own", ... or NULL */
const char *tks_phase_name(int phase);
int tks_mode_parse(const char *s);        /* MODE_NONE if NULL/unknown */
int tks_phase_parse(const char *s);
/* A set of item indexes, a bit each (what one subject has answered);
 * free() it. tks_set_add returns 0 when idx was in the set already. */
static inline unsigned char *
tks_set_new(void)
{
	return xcalloc((size_t)tks_count() / 8 + 1, 1);
}
static inline int
tks_set_add(unsigned char *set, int idx)
{
	unsigned char bit = (unsigned char)(1 << (idx % 8));
	if (set[idx / 8] & bit)
		return 0;
	set[idx / 8] |= bit;
	return 1;
}

/* The documented rule when a persona item gives no target. */
int tks_mode_target(int mode, int phase);
/* Priority for ordering gaps: 0 = done alone in an incident ... 5 = outsourced
 * in normal operation; role items without a mode rank as own/normal. */
int tks_rank(int mode, int phase);

#endif
