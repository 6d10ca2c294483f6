/* org.h - the organisation-structure model (体制): which security tasks an
 * organisation must do, which unit does each (own, support, outsource),
 * and where the structure is hollow. It offers
 *   - the reference data of share/csf/org.ndjson (org_data.c): task names,
 *     the ITSS+ areas and framework roles behind a task, incident tasks,
 *     rules, actions, xSIRT catalogue, governance types;
 *   - the input records "unit", "assignment", "org" read and checked per
 *     organisation with FILE:LINE errors (org_struct.c);
 *   - the csf-assess stage: the structure passes through and every task in
 *     scope gets a "score" kind "org_task" (org_assess.c);
 *   - the csf-gap stage: findings ("gap" kind "org" with a stable rule),
 *     the governance type and the xSIRT functions an organisation calls
 *     for, the standard distribution model over organisations with --by
 *     (mergeable with --partial/--merge) and the departures of one
 *     organisation from it (org_gap.c, org_model.c);
 *   - the csf-plan stage: actions from a table per rule (org_plan.c);
 *   - the tasks x units CSV matrix and its reading back, and a person's
 *     template derived from what their unit does (org_matrix.c);
 *   - the matrix and findings for csf-render (lib/render/render_org.c).
 * csf-org(7) describes the model; share/csf/README-org.md the records.
 * Like the management model, each tool holds one state per stage. */
#ifndef ORG_H
#define ORG_H

#include "core/csf.h"
#include "core/stage.h"

/* The stages of the three pipeline tools (org_stage.c). */
extern const struct csf_stage org_assess_stage, org_gap_stage, org_plan_stage;

/* Long-only option codes of the model (core/stage.h: org is model 3). */
enum {
	ORG_OPT_OVERLOAD = CSF_OPT_MODEL(3),
	ORG_OPT_MODEL,
	ORG_OPT_TASKS,
	ORG_OPT_UNIT,
	ORG_OPT_ORG,
};

/* ---- reference data (org_data.c) ---- */
enum org_mode { ORG_NONE = -1, ORG_OWN, ORG_SUPPORT, ORG_OUTSOURCE, ORG_NMODES };
extern const char *const org_mode_name[ORG_NMODES];    /* "own", ... */
/* Performer kinds of the 産業横断 survey, in the data's order. */
enum { ORG_NPERF = 6 };
extern const char *const org_perf_name[ORG_NPERF];     /* "is", ..., "none" */
int org_mode_parse(const char *s);                     /* ORG_NONE if unknown */
/* The reference record behind a task ID: a function (F01), an ITSS+ area
 * (ITSS01), a framework task (T001) or an ITSS+ example task (X01); NULL if
 * unknown. */
json_t *org_task_record(const char *task);
/* Its name {ja,en} (borrowed; NULL if the task is unknown). */
json_t *org_task_name(const char *task);
/* The ITSS+ areas the task falls in ("ITSS15", ...), a borrowed array. */
json_t *org_task_areas(const char *task);
/* The framework roles behind the task ("R03", ...), a borrowed array. */
json_t *org_task_roles(const char *task);
/* Is it an incident-response task? */
int org_task_incident(const char *task);
/* Data records by type and id (borrowed; exits 1 when a rule or action the
 * code relies on is missing from the data). */
json_t *org_rule(const char *id);
json_t *org_ref(const char *type, const char *id);

/* ---- one organisation's structure (org_struct.c) ---- */
struct org_unit {
	char *id;
	json_t *rec;          /* the unit record (owned) */
	int in_house;
	int perf;             /* index into org_perf_name */
	long people;          /* 0 when not given */
};
struct org_asg {
	char *task, *unit, *supervisor;   /* supervisor NULL if none */
	int mode;             /* enum org_mode */
	int authority;        /* -1 not said, 0 false, 1 true */
	int incident;         /* phase "incident" */
	unsigned covers;      /* bit per domain (ORG_DOM_*) */
	int u;                /* index of the unit */
};
enum { ORG_DOM_IT = 1, ORG_DOM_OT = 2, ORG_DOM_PRODUCTS = 4, ORG_DOM_SERVICES = 8 };
struct org {
	char *subject;
	struct org_unit *unit;
	int nunit, capunit;
	struct org_asg *asg;
	int nasg, capasg;
	json_t *profile;      /* the "org" record, NULL if none */
	json_t *scope;        /* task -> true, in first-seen order */
};
/* Read one record of type unit, assignment or org into o, checking it
 * against the data and the units seen so far (a unit must come before the
 * assignments naming it). Reports with FILE:LINE and returns 0 if bad. */
int org_struct_add(struct org *o, csf_input *in, const csf_line *ln, json_t *rec);
/* The same for an assignment given as values (the fast path): sup and
 * phase NULL when absent, authority -1 when not said. */
int org_struct_add_asg(struct org *o, csf_input *in, const csf_line *ln, const char *task, const char *unit,
                       const char *mode, const char *sup, int authority, const char *phase, unsigned covers);
struct org *org_struct_new(const char *subject);
void org_struct_free(struct org *o);
int org_unit_index(const struct org *o, const char *id);   /* -1 if none */
/* The strongest involvement in a task (own > outsource > support > none)
 * and the performer kind of the unit that has it; an outsourced task is
 * one given to a unit outside the company, whatever its mode. */
int org_task_mode(const struct org *o, const char *task, int *perf);
/* The same over the assignments idx[0..n-1] only (all when idx is NULL). */
int org_task_mode_of(const struct org *o, const char *task, const int *idx, int n, int *perf);
/* Assignment indexes grouped by task, tasks in scope order: *start gets,
 * per task of o->scope, where its run begins (n+1 entries). Free both. */
int *org_asg_by_task(const struct org *o, int **start);
int org_asg_outsourced(const struct org *o, const struct org_asg *a);

/* The stages read records through this: NULL if rec is not an org record
 * (unit, assignment, org) or is bad; otherwise the state of its subject,
 * opened or switched with subjects.h's rules. close emits the subject. */
typedef struct org_reader org_reader;
typedef void (*org_close_fn)(void *ctx, struct org *o);
org_reader *org_reader_new(int ungrouped, org_close_fn close, void *ctx);
struct org *org_reader_add(org_reader *r, csf_input *in, const csf_line *ln, json_t *rec);
void org_reader_finish(org_reader *r);
int org_is_struct_type(const char *type);

/* ---- csf-assess (org_assess.c) ---- */
int org_assess_option(int c, const char *arg);
/* Was --template asked for the organisation (--org or --unit)? */
int org_template_wanted(void);
/* --template for the organisation: read FILEs (unit/assignment/org
 * records) and write the matrix or the person's template (subject,
 * csv and tasks as csf-assess's --subject, --format and --tasks say). */
int org_template_run(int nfiles, char **files, const char *subject, int csv, int tasks);
void org_assess_start(int ungrouped);
/* A parsed unit/assignment/org record: checked, copied through, held. */
void org_assess_record(csf_input *in, const csf_line *ln, json_t *rec);
/* An assignment line read without building it: 1 if taken. */
int org_assess_fast(csf_input *in, const csf_line *ln);
/* A row of a tasks x units CSV (type "assignment", subject, task, name,
 * one column per unit): turned into assignment records. */
void org_assess_matrix_row(csf_input *in, const csf_line *ln, json_t *row);
/* A profile without role or persona whose department is a unit of an
 * organisation read before: gets the roles behind the unit's tasks. */
void org_assess_profile(json_t *rec);
void org_assess_finish(void);

/* ---- csf-gap (org_gap.c) ---- */
int org_gap_option(int c, const char *arg);
/* --by and --partial as the tool parsed them (after option parsing);
 * with --by, org partial sums in the input are merged. */
void org_gap_start(const char *by, int partial, int merge, int ungrouped);
/* A parsed record: org structure, an org_task score, a profile with a
 * department, or an org gap_partial. Returns 1 if the model took it (and
 * copied it through when it passes on), 0 to leave it to others. */
int org_gap_record(csf_input *in, const csf_line *ln, json_t *rec);
/* An org_task score line under --by, read without building it: 1 if taken. */
int org_gap_fast(csf_input *in, const csf_line *ln);
/* Does a line of this type concern the organisation model? Cheap test
 * for the tools' loops. */
int org_gap_wants(const char *type);
void org_gap_finish(void);

/* ---- the distribution model (org_model.c) ---- */
typedef struct org_dist org_dist;
org_dist *org_dist_new(const char *by);
/* One organisation: its group value and its tasks' modes and performers. */
void org_dist_add_org(org_dist *d, const char *group);
void org_dist_add_task(org_dist *d, const char *group, const char *task, int mode, int perf);
/* A gap_partial kind org_model record; 0 (reported) if malformed. */
int org_dist_merge(org_dist *d, csf_input *in, const csf_line *ln, json_t *rec);
void org_dist_emit(org_dist *d, int partial);
void org_dist_free(org_dist *d);
/* Model records read with --org-model: the typical mode of a task in a
 * group, when a majority of the group has it. */
typedef struct org_norm org_norm;
org_norm *org_norm_load(const char *path);
const char *org_norm_by(const org_norm *m);
/* Typical mode of task in group (ORG_NONE meaning "not performed"), its
 * share; 0 if the model says nothing about it. */
int org_norm_typical(const org_norm *m, const char *group, const char *task, int *mode, double *share);
/* The tasks the model lists for a group, as a borrowed array of IDs. */
json_t *org_norm_tasks(const org_norm *m, const char *group);
void org_norm_free(org_norm *m);

/* ---- csf-plan (org_plan.c) ---- */
/* A parsed gap record of kind org or org_governance: copied through, and
 * its actions emitted. 1 if taken. */
int org_plan_record(csf_input *in, const csf_line *ln, json_t *rec);
void org_plan_finish(void);

#endif
