/* csf-gap - turn "score" records into "gap" records: per subject and item
 * (target - current, severity), each subject's top gaps in priority order,
 * and with --by aggregates over subjects (mergeable with --partial/--merge).
 * Each model's stage takes its scores (core/stage.h); records of any other
 * type pass through. */
#include <unistd.h>

#include "tks/pipeline.h"
#include "mgmt/mgmt.h"
#include "org/org.h"

/* The general model first (see core/stage.h). */
static const struct csf_stage *const stages[] = {
	&tks_gap_stage,
	&mgmt_gap_stage,
	&org_gap_stage,
};
#define NSTAGES (int)(sizeof stages / sizeof *stages)

enum { OPT_PARTIAL = CSF_OPT_FIRST_FREE, OPT_MERGE };

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "by", required_argument, NULL, 'b' },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "jobs", required_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 }
};

static int
option(int c, const char *arg, struct csf_run *run)
{
	switch (c) {
	case 'u': run->ungrouped = 1; return 1;
	case 'b': run->by = csf_arg_field("--by", arg); return 1;
	case OPT_PARTIAL: run->partial = 1; return 1;   /* a shard writes its sums only */
	case OPT_MERGE: run->merge = 1; return 1;       /* every model adds its partials up */
	case 'j':
		run->jobs = (int)csf_arg_long("--jobs", arg, 0, 64);
		if (run->jobs == 0)
			run->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
		/* csf-assess writes a subject's profile first: pieces begin there */
		run->recstart = "{\"type\":\"profile\"";
		return 1;
	}
	return 0;
}

static const struct csf_tool tool = {
	.usage_en =
"usage: csf-gap [-u] [--by FIELD] [--partial | --merge] [--top N] [-j N] [-o FILE] [FILE...]\n"
"Compute gaps from \"score\" records (csf-assess output).\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n"
"  -b, --by FIELD       aggregate over subjects by role, department, persona or any\n"
"                       profile FIELD: n, mean, share at target, distribution, and\n"
"                       single points of failure\n"
"      --partial        with --by: emit partial sums to be combined by --merge\n"
"  -j, --jobs N         read FILEs in N processes (0: one per core); the output\n"
"                       is what one process writes\n",
	.usage_ja =
"usage: csf-gap [-u] [--by FIELD] [--partial | --merge] [--top N] [-j N] [-o FILE] [FILE...]\n"
"\"score\" レコード（csf-assess の出力）からギャップを求める。\n"
"  -u, --ungrouped      入力が対象者ごとにまとまっていない: 全対象者を最後まで保持する\n"
"  -b, --by FIELD       対象者を役割、部署、ペルソナまたは任意のプロファイルの FIELD\n"
"                       ごとに集計する: 人数、平均、目標到達の割合、分布、\n"
"                       単一障害点\n"
"      --partial        --by と共に: --merge で合算するための部分和を出力する\n"
"  -j, --jobs N         FILE を N 個のプロセスで読む（0 でコアごとに 1 つ）。\n"
"                       出力は 1 プロセスのときと同じ\n",
	.shortopts = "ub:j:",
	.longopts = longopts,
	.option = option,
};

int
main(int argc, char **argv)
{
	struct csf_run run = { 0 };
	csf_init(argc, argv);
	int first = csf_stage_options(&tool, stages, NSTAGES, argc, argv, &run);
	return csf_stage_run(&tool, stages, NSTAGES, &run, argc - first, argv + first);
}
