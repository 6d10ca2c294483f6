/* pipeline.h - the self-assessment pipeline: csf-assess (answers -> scores),
 * csf-gap (scores -> gaps and aggregates), csf-plan (gaps -> learning plans).
 * Each tool's main loop parses only the record types it owns and hands each
 * one to the handler for its model: the TKS model here (assess.c, gap.c,
 * plan.c), the management-maturity model in mgmt.c. */
#ifndef CSF_PIPELINE_H
#define CSF_PIPELINE_H

#include "csf.h"

/* "5-7": a 経営ガイドライン check item, not a TKS ID. */
int csf_is_check_id(const char *item);

/* ---- csf-assess (assess.c) ---- */
struct assess_opts {
	int ungrouped;         /* accumulate every subject until the end */
};
typedef struct assess assess;
assess *assess_new(const struct assess_opts *opt);
/* An "answer" for a TKS item (obj is the parsed record, borrowed). */
void assess_answer(assess *a, csf_input *in, const csf_line *ln, json_t *obj);
/* A "profile" (role/persona/department of a subject). */
void assess_profile(assess *a, csf_input *in, const csf_line *ln, json_t *obj);
/* Emit what is still held and free everything. */
void assess_finish(assess *a);

/* --template: answer records (or CSV rows) with targets and null levels. */
struct template_opts {
	const char *subject;   /* default "you" */
	const char *role;      /* comma list of role IDs */
	const char *persona;   /* persona ID */
	int csv;
};
/* A "choice" record from the Case1/Case2 questions adds its personas/items. */
void assess_template_choice(struct template_opts *t, csf_input *in, const csf_line *ln, json_t *obj);
int assess_template(const struct template_opts *t);

/* ---- csf-gap (gap.c) ---- */
struct gap_opts {
	const char *by;        /* NULL: per subject; else role|department|persona|FIELD */
	int partial;           /* emit mergeable partial sums */
	int merge;             /* read partial sums and combine them */
	int top;               /* top gaps per subject */
	int ungrouped;
};
typedef struct gapper gapper;
gapper *gap_new(const struct gap_opts *opt);
/* A TKS "score" record (kind "item" or "role"). */
void gap_score(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
/* A "partial" record under --merge. */
void gap_partial(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
void gap_finish(gapper *g);

/* ---- csf-plan (plan.c) ---- */
struct plan_opts {
	double budget;         /* hours; < 0 for none */
	int ungrouped;
};
typedef struct planner planner;
planner *plan_new(const struct plan_opts *opt);
/* A TKS "gap" record (kind "item"). */
void plan_gap(planner *p, csf_input *in, const csf_line *ln, json_t *obj);
void plan_finish(planner *p);

#endif
