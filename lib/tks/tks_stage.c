/* tks_stage.c - the TKS model's stage in csf-assess, csf-gap and csf-plan:
 * its options and help lines, and which records it reads. It is the
 * general model: it takes every answer, score or gap that no other model
 * took (so the tools list it first, see core/stage.h). The work itself is
 * in assess.c, gap.c and plan.c. */
#include <stdlib.h>
#include <string.h>

#include "tks/pipeline.h"

enum { OPT_TASKS = CSF_OPT_MODEL(1) };

/* ---- csf-assess ---- */

static struct template_opts tpl = { "you", NULL, NULL, 3, 0, 0, NULL };
static assess *assessor;

const struct template_opts *
tks_template_opts(void)
{
	return &tpl;
}

static const struct option assess_longopts[] = {
	{ "role", required_argument, NULL, 'r' },
	{ "persona", required_argument, NULL, 'p' },
	{ "target", required_argument, NULL, 't' },
	{ "tasks", no_argument, NULL, OPT_TASKS },
	{ NULL, 0, NULL, 0 }
};

static int
assess_option(int c, const char *arg)
{
	switch (c) {
	case 'r': tpl.role = csf_arg_list("--role", arg); return 1;
	case 'p': tpl.persona = csf_arg_nonempty("--persona", arg); return 1;
	case 't': tpl.target = (int)csf_arg_long("--target", arg, 1, 4); return 1;
	case OPT_TASKS: tpl.tasks = 1; return 1;
	}
	return 0;
}

static int
assess_start(const struct csf_run *run)
{
	struct assess_opts opt = { run->ungrouped };
	assessor = assess_new(&opt);
	return 0;
}

static int
assess_fast(csf_input *in, const csf_line *ln)
{
	return strcmp(ln->type, "answer") == 0 && assess_answer_fast(assessor, in, ln);
}

static int
assess_record(csf_input *in, const csf_line *ln, json_t *obj)
{
	if (strcmp(ln->type, "answer") == 0)
		assess_answer(assessor, in, ln, obj);
	else
		assess_profile(assessor, in, ln, obj);
	return 1;
}

static void
assess_end(void)
{
	assess_finish(assessor);
}

/* Options and "choice" records pick the items. */
static int
assess_blank(const struct csf_run *run, int nfiles, char **files)
{
	tpl.subject = run->subject;
	tpl.csv = run->template_csv;
	if (!tpl.role && !tpl.persona && nfiles == 0)   /* asked last: no stage writes one */
		csf_usage_error("--template needs --role, --persona or files of \"choice\" records");
	if (nfiles > 0) {
		csf_input *in = csf_input_open(nfiles, files);
		csf_line ln;
		while (csf_input_next(in, &ln)) {
			if (strcmp(ln.type, "choice") == 0) {
				json_t *obj = csf_line_parse(&ln);
				assess_template_choice(&tpl, in, &ln, obj);
				json_decref(obj);
			} else {
				csf_input_bad(in, &ln, "--template reads \"choice\" records, not \"%s\"", ln.type);
			}
		}
		long errors = csf_input_errors(in);
		csf_input_close(in);
		if (errors) {
			json_decref(tpl.chosen);
			return 1;
		}
	}
	int status = assess_template(&tpl);
	json_decref(tpl.chosen);
	return status;
}

static const char *const assess_types[] = { "answer", "profile", NULL };

const struct csf_stage tks_assess_stage = {
	.name = "tks",
	.shortopts = "r:p:t:",
	.longopts = assess_longopts,
	.usage_en =
"  -r, --role IDS       template for these roles (comma list, e.g. R03,R04)\n"
"  -p, --persona ID     template for a Plus Security persona (e.g. c)\n"
"  -t, --target N       target level of role items, 1-4 (default 3)\n"
"      --tasks          list tasks too, not only knowledge and skills\n"
"      CHOICES          files of \"choice\" records answering the Case1/Case2 questions\n",
	.usage_ja =
"  -r, --role IDS       これらの役割のテンプレート（カンマ区切り、例: R03,R04）\n"
"  -p, --persona ID     プラス・セキュリティのペルソナのテンプレート（例: c）\n"
"  -t, --target N       役割の項目の目標レベル、1〜4（既定 3）\n"
"      --tasks          知識・スキルだけでなくタスクも並べる\n"
"      CHOICES          Case1/Case2 の設問に答える \"choice\" レコードのファイル\n",
	.option = assess_option,
	.start = assess_start,
	.types = assess_types,
	.fast = assess_fast,
	.record = assess_record,
	.finish = assess_end,
	.template = assess_blank,
};

/* ---- csf-gap ---- */

static struct gap_opts gap_opt = { NULL, 0, 0, 10, 0 };
static gapper *gaps;

static const struct option gap_longopts[] = {
	{ "top", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 }
};

static int
gap_option(int c, const char *arg)
{
	switch (c) {
	case 'n': gap_opt.top = (int)csf_arg_long("--top", arg, 0, 100000); return 1;
	}
	return 0;
}

static int
gap_start(const struct csf_run *run)
{
	gap_opt.by = run->by;
	gap_opt.ungrouped = run->ungrouped;
	gap_opt.partial = run->partial;
	gap_opt.merge = run->merge;
	if (gap_opt.partial && gap_opt.merge)
		csf_usage_error("--partial and --merge exclude each other");
	if (gap_opt.partial && !gap_opt.by)
		csf_usage_error("--partial needs --by FIELD");
	gaps = gap_new(&gap_opt);
	return 0;
}

static int
gap_fast(csf_input *in, const csf_line *ln)
{
	if (strcmp(ln->type, "score") == 0)
		return gap_score_fast(gaps, in, ln);
	return strcmp(ln->type, "gap_partial") == 0 && gap_partial_fast(gaps, in, ln);
}

static int
gap_exact(csf_input *in, const csf_line *ln)
{
	return gap_score_exact(gaps, in, ln) || gap_partial_exact(gaps, in, ln);
}

static int
gap_record(csf_input *in, const csf_line *ln, json_t *obj)
{
	if (strcmp(ln->type, "score") == 0) {
		const char *kind = csf_str(obj, "kind");
		if (gap_opt.partial && !(kind && (!strcmp(kind, "item") || !strcmp(kind, "role")
		                                  || !strcmp(kind, "persona"))))
			csf_input_bad(in, ln, "--partial sums scores of kind item, role and persona only");
		else
			gap_score(gaps, in, ln, obj);
	}
	else if (strcmp(ln->type, "profile") == 0)
		gap_profile(gaps, in, ln, obj);
	else if (gap_opt.merge)
		gap_partial(gaps, in, ln, obj);
	else
		return 0;   /* a gap_partial without --merge passes on */
	return 1;
}

static void
gap_end(void)
{
	gap_finish(gaps);
}

static void
gap_shard_begin_(FILE *fp, const char *file, long line)
{
	gap_shard_begin(gaps, fp, file, line);
}

static int
gap_shard_join_(FILE *fp, const char *next, size_t next_len)
{
	return gap_shard_join(gaps, fp, next, next_len);
}

static int
gap_shard_turn_end_(void)
{
	return gap_turn_end(gaps);
}

static const char *const gap_types[] = { "score", "profile", "gap_partial", NULL };

const struct csf_stage tks_gap_stage = {
	.name = "tks",
	.shortopts = "n:",
	.longopts = gap_longopts,
	.usage_en =
"      --merge          read partial sums (from several --partial runs) and combine them\n"
"  -n, --top N          top gaps listed per subject (default 10, 0 for all)\n",
	.usage_ja =
"      --merge          部分和（複数回の --partial の出力）を読んで合算する\n"
"  -n, --top N          対象者ごとに並べる上位のギャップの数（既定 10、0 ですべて）\n",
	.option = gap_option,
	.start = gap_start,
	.types = gap_types,
	.fast = gap_fast,
	.exact = gap_exact,
	.record = gap_record,
	.finish = gap_end,
	.shard_begin = gap_shard_begin_,
	.shard_join = gap_shard_join_,
	.shard_turn_end = gap_shard_turn_end_,
};

/* ---- csf-plan ---- */

static struct plan_opts plan_opt = { -1, 0, 0, PLAN_HOURS_PER_YEAR };
static planner *plans;

static const struct option plan_longopts[] = {
	{ "budget", required_argument, NULL, 'B' },
	{ "years", required_argument, NULL, 'Y' },
	{ "hours-per-year", required_argument, NULL, 'H' },
	{ NULL, 0, NULL, 0 }
};

static int
plan_option(int c, const char *arg)
{
	switch (c) {
	case 'B': plan_opt.budget = csf_arg_double("--budget", arg, 0, 1e9); return 1;
	case 'Y': plan_opt.years = (int)csf_arg_long("--years", arg, 1, 50); return 1;
	case 'H': plan_opt.hours_per_year = csf_arg_double("--hours-per-year", arg, 1, 1e6); return 1;
	default: return 0;
	}
}

static int
plan_start(const struct csf_run *run)
{
	plan_opt.ungrouped = run->ungrouped;
	plans = plan_new(&plan_opt);
	return 0;
}

static int
plan_fast(csf_input *in, const csf_line *ln)
{
	return strcmp(ln->type, "gap") == 0 && plan_gap_fast(plans, in, ln);
}

static int
plan_record(csf_input *in, const csf_line *ln, json_t *obj)
{
	if (strcmp(ln->type, "gap") == 0)
		plan_gap(plans, in, ln, obj);
	else
		plan_profile(plans, in, ln, obj);
	return 1;
}

static void
plan_end(void)
{
	plan_finish(plans);
}

static const char *const plan_types[] = { "gap", "profile", NULL };

const struct csf_stage tks_plan_stage = {
	.name = "tks",
	.shortopts = "B:Y:H:",
	.longopts = plan_longopts,
	.usage_en =
"  -B, --budget HOURS   stop adding steps once the plan would exceed HOURS\n"
"  -Y, --years N        spread the plan over N years (1-50), with exam milestones\n"
"  -H, --hours-per-year H  study hours a year holds under --years (default 200)\n",
	.usage_ja =
"  -B, --budget HOURS   計画が HOURS 時間を超えるところで手順の追加をやめる\n"
"  -Y, --years N        計画を N 年（1〜50）に割り付け、試験などの節目を示す\n"
"  -H, --hours-per-year H  --years のとき 1 年に充てる学習時間（既定 200）\n",
	.option = plan_option,
	.start = plan_start,
	.types = plan_types,
	.fast = plan_fast,
	.record = plan_record,
	.finish = plan_end,
};
