/* mgmt.h - the 経営ガイドライン management-maturity model: answers to the 39
 * check items -> directive means -> index and class A/B/C; gaps to a
 * benchmark class or cohort; at most two hints pointing at Tips.
 *
 * The tools reach it through its stages (mgmt_stage.c, see core/stage.h):
 * answers to check items in csf-assess (mgmt_assess.c), management scores
 * in csf-gap (mgmt_gap.c), management gaps in csf-plan (mgmt_plan.c); the
 * model and benchmarks are loaded in mgmt.c. Each tool keeps one state (a
 * tool is one process).
 * The record shapes are documented in share/csf/README-mgmt.md. */
#ifndef MGMT_H
#define MGMT_H

#include "core/stage.h"

extern const struct csf_stage mgmt_assess_stage, mgmt_gap_stage, mgmt_plan_stage;

/* Long-only option codes of the model's stages. */
enum {
	MGMT_OPT_THRESHOLDS = CSF_OPT_MODEL(2),
	MGMT_OPT_FROM_BENCHMARK,
	MGMT_OPT_DISAGREE,
	MGMT_OPT_BENCHMARK,
	MGMT_OPT_A_TARGET,
	MGMT_OPT_COHORT,
	MGMT_OPT_COHORT_SET,
	MGMT_OPT_MIN_N,
	MGMT_OPT_TEMPLATE,
	MGMT_OPT_DEVIATION,
	MGMT_OPT_GROUP,
};

/* ---- csf-assess ---- */

/* 1 if c was a management option (exits 2 on a bad value). */
int mgmt_assess_option(int c, const char *arg);
/* Was --mgmt given (the questionnaire instead of the TKS template)? */
int mgmt_assess_template_wanted(void);
/* Accumulate one answer whose item is a check ID (csf_is_check_id); bad
 * ones are reported with file:line through csf_input_bad. Input grouped by
 * subject is scored subject by subject; see mgmt_assess_start. */
void mgmt_assess_answer(csf_input *in, const csf_line *ln, json_t *rec);
/* A profile record: keeps its "industry" for the subject's maturity record. */
void mgmt_assess_profile(const csf_line *ln, json_t *rec);
/* Check the options against the data (exits 2); call after parsing.
 * ungrouped: hold every subject to the end (else a subject is emitted when
 * the next one starts, and its reappearance is an error). Returns 1 when
 * --from-benchmark was given: it then stands in for stdin, so read input
 * only if FILE arguments were given. */
int mgmt_assess_start(int ungrouped);
/* Emit every assessment (grouped by subject, dates ascending) and trends. */
void mgmt_assess_finish(void);

/* ---- csf-gap ---- */

int mgmt_gap_option(int c, const char *arg);
/* Check the options against the data (exits 2); call after parsing.
 * by: the tool's --by FIELD (or NULL); management aggregation applies to
 * class, industry, manufacturing and all. partial: --partial, whose sums
 * the model has no form for yet, so its records are refused. */
void mgmt_gap_start(const char *by, int partial, int merge);
/* A parsed record of type score, maturity: if it is a management record,
 * copy it through, emit what it completes, and return 1; else 0. */
int mgmt_gap_record(csf_input *in, const csf_line *ln, json_t *rec);
void mgmt_gap_finish(void);

/* ---- csf-plan ---- */
/* A parsed gap record: if it is a management record (kind "maturity", or
 * directive/cohort/group with a "directive"), copy it through,
 * emit the hints it completes, and return 1; else 0. */
int mgmt_plan_record(csf_input *in, const csf_line *ln, json_t *rec);
void mgmt_plan_finish(void);

/* ---- the model (loaded once from mgmt.ndjson; exits 1 if inconsistent) ---- */
struct mgmt_directive {
	const char *id;      /* "D1" */
	int no;              /* 1 */
	int first, nchecks;  /* its checks are check[first .. first+nchecks-1] */
	json_t *rec;         /* borrowed data record */
};
struct mgmt_check {
	const char *id;      /* "1-1" */
	int directive;       /* index into dir[] */
	json_t *rec;
};
struct mgmt_model {
	const char *generation;  /* id of the data's generation record */
	int scale_min, scale_max;  /* answers are whole numbers in this range */
	int ndir, ncheck;
	struct mgmt_directive *dir;
	struct mgmt_check *check;
};
const struct mgmt_model *mgmt_model(void);
int mgmt_check_index(const char *id);      /* -1 if unknown */
int mgmt_directive_index(const char *id);  /* -1 if unknown */
/* The action hint of directive d aimed at class target (NULL: any); the
 * untargeted one, else any of d's, when none aims there; NULL if d has none. */
json_t *mgmt_action_hint(int d, const char *target);
/* The questionnaire: one blank answer per check of the generation, with
 * its directive, text, answer scale and the directive's hint, as NDJSON
 * or as a CSV sheet to fill in (csf-assess --template --mgmt). */
void mgmt_template(const char *subject, int csv);
/* The hint record of a kind/id ("lead.urgent"); exits 1 if the data lack it. */
json_t *mgmt_hint(const char *id);
/* Rows of a benchmark set: the record of row ROW, or NULL. */
json_t *mgmt_bench_row(const char *set, const char *row);
/* Does SET exist, and does it hold company rows (want_companies) or class rows? */
int mgmt_bench_has(const char *set, int want_companies);
/* The set's version string ("" if none). */
const char *mgmt_bench_version(const char *set);
/* The size band id of a company of n employees (size_band records), or NULL. */
const char *mgmt_size_band(long employees);
/* Industry id for an id or name ("KK", "機械器具製造"), with its
 * manufacturing flag; NULL if no company row of SET has it. */
const char *mgmt_industry(const char *set, const char *name, int *manufacturing);
/* Base record {"type":T,"kind":K,"subject":S[,"date":D]} (kind, date optional). */
json_t *mgmt_record(const char *type, const char *kind, const char *subject, const char *date);
/* Emit a record of the model with its "generation" appended, and free it. */
void mgmt_emit(json_t *o);
/* 1 if rec has no "generation" or the model's; else reports it and returns 0. */
int mgmt_same_generation(csf_input *in, const csf_line *ln, json_t *rec);

/* ---- shared helpers ---- */
/* Per-assessment state that a stage holds until the record completing the
 * assessment comes: keyed by subject and date, in slots that are reused
 * (with grouped input only one is ever in use). */
struct mgmt_held {
	json_t *index;   /* "subject\037date" -> slot */
	void **slot;
	int nslot;
};
/* The state held for subject and date (date may be NULL), or NULL. */
void *mgmt_held_get(struct mgmt_held *h, const char *subject, const char *date);
/* Hold state for subject and date (which must not be held yet). */
void mgmt_held_add(struct mgmt_held *h, const char *subject, const char *date, void *state);
/* Stop holding the state of subject and date and return it (NULL if none). */
void *mgmt_held_take(struct mgmt_held *h, const char *subject, const char *date);
/* Free every state still held with free_state, and empty h. */
void mgmt_held_clear(struct mgmt_held *h, void (*free_state)(void *));
/* Half-up tenths of x (3.25 -> 33); the karte shows one decimal. */
int mgmt_tenths(double x);
/* The exact mean k/n whose one-decimal display is shown, for a directive
 * of n items answered 1-5; display itself if no such k or several. */
double mgmt_unround(double shown, int n);

#endif
