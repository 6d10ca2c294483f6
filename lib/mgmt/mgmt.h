/* mgmt.h - the 経営ガイドライン management-maturity model: answers to the 39
 * check items -> directive means -> index and class A/B/C; gaps to a
 * benchmark class or cohort; at most two hints pointing at Tips.
 *
 * Each tool keeps one state (a tool is one process). A tool splices the
 * option table and usage lines of its stage, hands every option getopt
 * returns to the stage's option function, feeds records and calls finish.
 * The record shapes are documented in share/csf/README-mgmt.md. */
#ifndef MGMT_H
#define MGMT_H

#include "core/csf.h"

/* Long-only option codes, clear of the tools' own range. */
enum {
	MGMT_OPT_THRESHOLDS = CSF_OPT_FIRST_FREE + 0x80,
	MGMT_OPT_FROM_BENCHMARK,
	MGMT_OPT_DISAGREE,
	MGMT_OPT_BENCHMARK,
	MGMT_OPT_A_TARGET,
	MGMT_OPT_COHORT,
	MGMT_OPT_COHORT_SET,
	MGMT_OPT_MIN_N,
	MGMT_OPT_TEMPLATE,
};

/* ---- csf-assess ---- */
#define MGMT_ASSESS_LONGOPTS \
	{ "thresholds", required_argument, NULL, MGMT_OPT_THRESHOLDS }, \
	{ "from-benchmark", required_argument, NULL, MGMT_OPT_FROM_BENCHMARK }, \
	{ "disagree", required_argument, NULL, MGMT_OPT_DISAGREE }, \
	{ "mgmt", no_argument, NULL, MGMT_OPT_TEMPLATE }
#define MGMT_ASSESS_USAGE \
"Management checks (item \"1-1\"..\"10-2\", level 1-5):\n" \
"      --template --mgmt    write the questionnaire: every check, its directive,\n" \
"                           text, answer scale and hint (--format csv for a sheet)\n" \
"      --thresholds A,B     index bounds of classes A and B (default 3.75,2.67; inferred)\n" \
"      --from-benchmark SET score the companies of a benchmark set (e.g. table2.2)\n" \
"      --disagree N         report items whose assessors differ by N or more (default 1)\n"
#define MGMT_ASSESS_USAGE_JA \
"経営のチェック項目（項目 \"1-1\"〜\"10-2\"、レベル 1-5）:\n" \
"      --template --mgmt    調査票を書き出す: 全チェック項目と指示、項目の文、\n" \
"                           回答の尺度、ヒント（--format csv で記入用のシート）\n" \
"      --thresholds A,B     クラス A と B の指標の境界（既定 3.75,2.67。推定による）\n" \
"      --from-benchmark SET ベンチマークの集合（例: table2.2）の企業を採点する\n" \
"      --disagree N         評価者の間で N 以上食い違う項目を報告する（既定 1）\n"

/* 1 if c was a management option (exits 2 on a bad value). */
int mgmt_assess_option(int c, const char *arg);
/* Was --mgmt given (the questionnaire instead of the TKS template)? */
int mgmt_assess_template_wanted(void);
/* Accumulate one answer whose item is a check ID (csf_is_check_id); bad
 * ones are reported with file:line through csf_input_bad. Input grouped by
 * subject is scored subject by subject; see mgmt_assess_start. */
void mgmt_assess_answer(csf_input *in, const csf_line *ln, json_t *rec);
/* A profile record: keeps its "industry" for the subject's maturity record. */
void mgmt_assess_profile(json_t *rec);
/* Check the options against the data (exits 2); call after parsing.
 * ungrouped: hold every subject to the end (else a subject is emitted when
 * the next one starts, and its reappearance is an error). Returns 1 when
 * --from-benchmark was given: it then stands in for stdin, so read input
 * only if FILE arguments were given. */
int mgmt_assess_start(int ungrouped);
/* Emit every assessment (grouped by subject, dates ascending) and trends. */
void mgmt_assess_finish(void);

/* ---- csf-gap ---- */
#define MGMT_GAP_LONGOPTS \
	{ "benchmark", required_argument, NULL, MGMT_OPT_BENCHMARK }, \
	{ "a-target", required_argument, NULL, MGMT_OPT_A_TARGET }, \
	{ "cohort", required_argument, NULL, MGMT_OPT_COHORT }, \
	{ "cohort-set", required_argument, NULL, MGMT_OPT_COHORT_SET }, \
	{ "min-n", required_argument, NULL, MGMT_OPT_MIN_N }
#define MGMT_GAP_USAGE \
"Management maturity (score/maturity records from csf-assess):\n" \
"      --benchmark SET      class means to compare with (default table2.3; also karte)\n" \
"      --a-target 5|mean    what a class A subject is compared with (default 5)\n" \
"      --cohort GROUP       also compare with a cohort: all, mfg, nonmfg, A, B, C,\n" \
"                           an industry id (KK, SS, ...), or industry / manufacturing\n" \
"                           for the subject's own\n" \
"      --cohort-set SET     company rows the cohorts come from (default table2.2)\n" \
"      --min-n N            suppress cohorts and groups under N members (default 5)\n" \
"      --by class|industry|manufacturing|all  aggregate directive means over subjects\n"
#define MGMT_GAP_USAGE_JA \
"経営の成熟度（csf-assess が出す score/maturity レコード）:\n" \
"      --benchmark SET      比べるクラス平均（既定 table2.3。karte も可）\n" \
"      --a-target 5|mean    クラス A の対象を何と比べるか（既定 5）\n" \
"      --cohort GROUP       比較群とも比べる: all, mfg, nonmfg, A, B, C、\n" \
"                           業種 ID（KK, SS, ...）、または対象自身の業種・\n" \
"                           製造業の区分を表す industry / manufacturing\n" \
"      --cohort-set SET     比較群のもとになる企業の行（既定 table2.2）\n" \
"      --min-n N            メンバーが N 未満の比較群とグループを出さない（既定 5）\n" \
"      --by class|industry|manufacturing|all  指示ごとの平均を対象全体で集計する\n"

int mgmt_gap_option(int c, const char *arg);
/* The tool's --by FIELD; management aggregation applies to class,
 * industry, manufacturing and all. */
void mgmt_gap_by(const char *field);
/* Check the options against the data (exits 2); call after parsing. */
void mgmt_gap_start(void);
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
