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

/* ---- per-subject state (subjects.c) ----
 * Grouped input (default) holds one subject and closes it when another
 * starts; a subject seen again later is an error. With ungrouped set,
 * every subject is held and closed at the end in first-seen order. */
typedef void *(*subject_open_fn)(void *ctx, const char *name);
typedef void (*subject_close_fn)(void *ctx, void *state);   /* emit and free */
typedef struct subjects subjects;
subjects *subjects_new(int ungrouped, subject_open_fn open, subject_close_fn close, void *ctx);
/* State for a record of subject name: switches the current subject (closing
 * the previous one). NULL after reporting a subject that comes back. */
void *subjects_get(subjects *s, csf_input *in, const csf_line *ln, const char *name);
/* The same for side records (profiles): never closes the current subject;
 * a subject not current yet is opened and held until its records come. */
void *subjects_side(subjects *s, csf_input *in, const csf_line *ln, const char *name);
/* Close the current subject and every held one; free s. */
void subjects_finish(subjects *s);

/* ---- CSV input (csv.c) ----
 * RFC 4180: quoted fields may hold commas, quotes ("") and line breaks;
 * a UTF-8 BOM and CRLF line ends are accepted. Rows become objects keyed by
 * the header row (names trimmed and lowercased); empty cells are left out;
 * "type" is "answer" unless a "type" column says otherwise.
 * Errors are reported through in with FILE:LINE of the row. */
typedef struct csv_reader csv_reader;
csv_reader *csv_open(const char *path, csf_input *in);   /* "-" is stdin */
/* Next data row as a new object; ln gets the file and first line of the
 * row (ln->text NULL). NULL at the end. */
json_t *csv_next(csv_reader *r, csf_line *ln);
/* Check the header names every column of the NULL-terminated list; if
 * not, report the first missing one and read no rows. 0 if one is missing. */
int csv_require(csv_reader *r, const char *const *names);
int csv_has_column(const csv_reader *r, const char *name);
void csv_close(csv_reader *r);
/* Is this path a CSV file (name ends in .csv)? */
int csf_is_csv_path(const char *path);

/* Copy a record through: the line as read, or the object for CSV rows. */
void csf_pass_record(const csf_line *ln, json_t *obj);

/* ---- csf-assess (assess.c) ---- */
/* A CSV row (strings) as an "answer": level and target "" -> null, digits
 * -> integers, other text left for the scorer to reject. */
json_t *assess_answer_from_row(json_t *row);
/* A CSV row with type "profile": role split at ';', ',' or spaces, target a
 * number, every other cell copied. */
json_t *assess_profile_from_row(json_t *row);

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
	int target;            /* target of role items, 1-4 */
	int tasks;             /* list tasks too, not only knowledge and skills */
	int csv;
	json_t *chosen;        /* [[choice, phase], ...] from "choice" records */
};
/* A "choice" record {"choice": "Q1a" or [...]} answering the Case1/Case2
 * questions: adds the choices' personas and items. */
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
/* A "profile": kept for --by FIELD, and passed through. */
void gap_profile(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
/* A TKS "score" record: kind "item" is consumed, other kinds pass through. */
void gap_score(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
/* A "gap_partial" record under --merge. */
void gap_partial(gapper *g, csf_input *in, const csf_line *ln, json_t *obj);
void gap_finish(gapper *g);

/* ---- csf-plan (plan.c) ---- */
struct plan_opts {
	double budget;         /* hours; < 0 for none */
	int ungrouped;
};
typedef struct planner planner;
planner *plan_new(const struct plan_opts *opt);
/* A "profile": starts its subject (so subjects without gaps get an empty
 * plan), and passes through. */
void plan_profile(planner *p, csf_input *in, const csf_line *ln, json_t *obj);
/* A TKS "gap" record: kind "item" is consumed, other kinds pass through. */
void plan_gap(planner *p, csf_input *in, const csf_line *ln, json_t *obj);
void plan_finish(planner *p);

#endif
