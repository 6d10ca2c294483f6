/* csf-plan - turn "gap" records into ordered learning plans per subject:
 * the fewest resources (share/csf/resources.ndjson) that close the largest
 * gaps first, with hours, what each step closes and what nothing covers.
 * Each model's stage takes its gaps (core/stage.h); records of any other
 * type pass through. */
#include "tks/pipeline.h"
#include "mgmt/mgmt.h"
#include "org/org.h"

/* The general model first (see core/stage.h). */
static const struct csf_stage *const stages[] = {
	&tks_plan_stage,
	&mgmt_plan_stage,
	&org_plan_stage,
};
#define NSTAGES (int)(sizeof stages / sizeof *stages)

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 }
};

static int
option(int c, const char *arg, struct csf_run *run)
{
	(void)arg;
	if (c != 'u')
		return 0;
	run->ungrouped = 1;
	return 1;
}

static const struct csf_tool tool = {
	.usage_en =
"usage: csf-plan [-u] [--budget HOURS] [--years N [--hours-per-year H]] [-o FILE] [FILE...]\n"
"Build learning plans from \"gap\" records (csf-gap output).\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n",
	.usage_ja =
"usage: csf-plan [-u] [--budget HOURS] [--years N [--hours-per-year H]] [-o FILE] [FILE...]\n"
"\"gap\" レコード（csf-gap の出力）から学習計画を作る。\n"
"  -u, --ungrouped      入力が対象者ごとにまとまっていない: 全対象者を最後まで保持する\n",
	.shortopts = "u",
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
