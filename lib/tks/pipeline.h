/* pipeline.h - the TKS model in the self-assessment pipeline: csf-assess
 * (answers -> scores), csf-gap (scores -> gaps and aggregates), csf-plan
 * (gaps -> learning plans). The tools reach it through its stages
 * (tks_stage.c, see core/stage.h); the work is in assess.c, gap.c, plan.c. */
#ifndef CSF_PIPELINE_H
#define CSF_PIPELINE_H

#include "core/csf.h"
#include "core/csv.h"
#include "core/stage.h"
#include "core/subjects.h"

/* The stages the tools list (first: the general model). */
extern const struct csf_stage tks_assess_stage, tks_gap_stage, tks_plan_stage;

/* ---- csf-assess (assess.c) ---- */
/* A CSV row (strings) as an "answer": level and target "" -> null, digits
 * -> integers, other text left for the scorer to reject. */
json_t *assess_answer_from_row(json_t *row);
/* A CSV row with type "profile": role split at ';', ',' or spaces, target a
 * number, every other cell copied. */
json_t *assess_profile_from_row(json_t *row);

/* Personas one subject may hold (a profile's list, a template's choices). */
#define ASSESS_PERSONAS_MAX 16

struct assess_opts {
	int ungrouped;         /* accumulate every subject until the end */
};
typedef struct assess assess;
assess *assess_new(const struct assess_opts *opt);
/* An "answer" for a TKS item (obj is the parsed record, borrowed). */
void assess_answer(assess *a, csf_input *in, const csf_line *ln, json_t *obj);
/* The same straight from an NDJSON line when it is a well-formed answer to
 * a TKS item: 1 if taken, 0 to parse it and offer it to the stages
 * (another model's, or assess_answer). Likewise gap_score_fast, plan_gap_fast. */
int assess_answer_fast(assess *a, csf_input *in, const csf_line *ln);
/* A "profile" (role/persona/department of a subject). */
void assess_profile(assess *a, csf_input *in, const csf_line *ln, json_t *obj);
/* Emit what is still held and free everything. */
void assess_finish(assess *a);

/* --template: answer records (or CSV rows) with targets and null levels. */
struct template_opts {
	const char *subject;   /* default "you" */
	const char *role;      /* comma list of role IDs */
	const char *persona;   /* persona ID */
	int target;            /* target of role items, 1-4 */
	int tasks;             /* list tasks too, not only knowledge and skills */
	int csv;
	json_t *chosen;        /* [[choice, phase], ...] from "choice" records */
};
/* A "choice" record {"choice": "Q1a" or [...]} answering the Case1/Case2
 * questions: adds the choices' personas and items. */
void assess_template_choice(struct template_opts *t, csf_input *in, const csf_line *ln, json_t *obj);
int assess_template(const struct template_opts *t);
/* The --subject, --format, --tasks ... csf-assess was given (for the
 * other models' templates). */
const struct template_opts *tks_template_opts(void);

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
/* A "profile": kept for --by FIELD, and passed through. */
void gap_profile(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
/* A TKS "score" record: kind "item" is consumed, other kinds pass through. */
void gap_score(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
int gap_score_fast(gapper *g, csf_input *in, const csf_line *ln);
/* The same from a line not yet validated, in the exact form csf-assess
 * writes (0: validate it and go on as usual). */
int gap_score_exact(gapper *g, csf_input *in, const csf_line *ln);
/* A "gap_partial" record under --merge. */
void gap_partial(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
/* The same read from the line, for records of the right shape (0: decode
 * it and use gap_partial). */
int gap_partial_fast(gapper *g, csf_input *in, const csf_line *ln);
/* The same from a line not yet validated, in the exact form csf-gap
 * writes (0: validate it and go on as usual). */
int gap_partial_exact(gapper *g, csf_input *in, const csf_line *ln);
void gap_finish(gapper *g);
/* -j (see struct csf_stage): a worker's piece, whose first record is at
 * file:line, and its joining on in the parent. */
void gap_shard_begin(gapper *g, FILE *fp, const char *file, long line);
int gap_shard_join(gapper *g, FILE *fp, const char *next, size_t next_len);
int gap_turn_end(gapper *g);

/* ---- csf-plan (plan.c) ---- */
struct plan_opts {
	double budget;         /* hours; < 0 for none */
	int ungrouped;
	int years;             /* > 0: schedule the plan over this many years */
	double hours_per_year; /* study hours a year holds under years */
};
#define PLAN_HOURS_PER_YEAR 200   /* --hours-per-year when not given (ours) */
typedef struct planner planner;
planner *plan_new(const struct plan_opts *opt);
/* A "profile": starts its subject (so subjects without gaps get an empty
 * plan), and passes through. */
void plan_profile(planner *p, csf_input *in, const csf_line *ln, json_t *obj);
/* A TKS "gap" record: kind "item" is consumed, other kinds pass through. */
void plan_gap(planner *p, csf_input *in, const csf_line *ln, json_t *obj);
int plan_gap_fast(planner *p, csf_input *in, const csf_line *ln);
void plan_finish(planner *p);

#endif
