/* csf-assess - score self-assessment answers. Reads "answer" and "profile"
 * records (NDJSON, or CSV with a header row) for many subjects and writes
 * "score" records; with --template writes blank answers to fill in.
 * Each model's stage takes the answers to its items (core/stage.h);
 * records of any other type pass through unchanged. */
#include <string.h>

#include "tks/pipeline.h"
#include "mgmt/mgmt.h"
#include "org/org.h"

/* The general model first (see core/stage.h). */
static const struct csf_stage *const stages[] = {
	&tks_assess_stage,
	&mgmt_assess_stage,
	&org_assess_stage,
};
#define NSTAGES (int)(sizeof stages / sizeof *stages)

enum { OPT_TEMPLATE = CSF_OPT_FIRST_FREE, OPT_CSV, OPT_FORMAT, OPT_ENCODING };

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "template", no_argument, NULL, OPT_TEMPLATE },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "subject", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

static int format_given;

static int
option(int c, const char *arg, struct csf_run *run)
{
	switch (c) {
	case 'u': run->ungrouped = 1; return 1;
	case OPT_TEMPLATE: run->template = 1; return 1;
	case OPT_CSV: run->csv = 1; return 1;
	case OPT_ENCODING: csv_encoding = csf_arg_nonempty("--encoding", arg); return 1;
	case 's': run->subject = csf_arg_nonempty("--subject", arg); return 1;
	case OPT_FORMAT:
		run->template_csv = csf_arg_choice("--format", arg, "ndjson|csv");
		format_given = 1;
		return 1;
	}
	return 0;
}

/* A CSV row of type answer or profile as its record. */
static json_t *
from_row(const char *type, json_t *row)
{
	return strcmp(type, "answer") == 0 ? assess_answer_from_row(row) : assess_profile_from_row(row);
}

/* Answer sheets need all three; with a "type" column rows may also be
 * profiles. */
static const char *const answer_columns[] = { "subject", "item", "level", NULL };
static const char *const typed_columns[] = { "subject", NULL };

static const struct csf_tool tool = {
	.usage_en =
"usage: csf-assess [-u] [--csv] [--keep-going] [-o FILE] [FILE...]\n"
"       csf-assess --template [--role IDS] [--persona ID] [--target N] [--tasks]\n"
"                  [--subject NAME] [--format ndjson|csv] [CHOICES...]\n"
"       csf-assess --template --mgmt [--subject NAME] [--format ndjson|csv]\n"
"Score \"answer\" records against the targets of each subject's profile.\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n"
"      --csv            read input as CSV with a header row (FILE.csv always is)\n"
"      --encoding ENC   CSV input is in ENC, e.g. cp932 (Excel on Japanese Windows)\n"
"      --template       write one blank answer per relevant item, target filled in\n"
"  -s, --subject NAME   subject of the template answers (default \"you\")\n"
"      --format FMT     template as ndjson (default) or csv\n",
	.usage_ja =
"usage: csf-assess [-u] [--csv] [--keep-going] [-o FILE] [FILE...]\n"
"       csf-assess --template [--role IDS] [--persona ID] [--target N] [--tasks]\n"
"                  [--subject NAME] [--format ndjson|csv] [CHOICES...]\n"
"       csf-assess --template --mgmt [--subject NAME] [--format ndjson|csv]\n"
"\"answer\" レコードを、各対象者のプロファイルの目標と比べて採点する。\n"
"  -u, --ungrouped      入力が対象者ごとにまとまっていない: 全対象者を最後まで保持する\n"
"      --csv            入力をヘッダ行付きの CSV として読む（FILE.csv は常にそう読む）\n"
"      --encoding ENC   CSV 入力の文字コード。例: cp932（日本語版 Windows の Excel）\n"
"      --template       関係する項目ごとに空の回答を 1 件書き出す（目標は記入済み）\n"
"  -s, --subject NAME   テンプレートの回答の対象者（既定 \"you\"）\n"
"      --format FMT     テンプレートを ndjson（既定）または csv で出す\n",
	.shortopts = "us:",
	.longopts = longopts,
	.option = option,
	.csv_columns = answer_columns,
	.csv_typed_columns = typed_columns,
	.from_row = from_row,
};

int
main(int argc, char **argv)
{
	struct csf_run run = { .subject = "you" };
	csf_init(argc, argv);
	int first = csf_stage_options(&tool, stages, NSTAGES, argc, argv, &run);
	/* -o me.csv means a CSV template, as an input named .csv is read as CSV. */
	if (run.template && !format_given && csf_opt.output && csf_is_csv_path(csf_opt.output))
		run.template_csv = 1;
	if (run.template)
		return csf_stage_template(stages, NSTAGES, &run, argc - first, argv + first);
	return csf_stage_run(&tool, stages, NSTAGES, &run, argc - first, argv + first);
}
