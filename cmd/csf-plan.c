/* csf-plan - turn "gap" records into ordered learning plans per subject:
 * the fewest resources (share/csf/resources.ndjson) that close the largest
 * gaps first, with hours, what each step closes and what nothing covers.
 * TKS gaps go to lib/tks/plan.c; records of any other type pass through. */
#include <stdlib.h>
#include <string.h>

#include "tks/pipeline.h"
#include "mgmt/mgmt.h"

static const char usage_en[] =
"usage: csf-plan [-u] [--budget HOURS] [-o FILE] [FILE...]\n"
"Build learning plans from \"gap\" records (csf-gap output).\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n"
"  -B, --budget HOURS   stop adding steps once the plan would exceed HOURS\n"
"Management gaps (kind directive/maturity) become at most two hints naming Tips.\n"
"      --keep-going     report bad records and go on (exit 1 at the end)\n"
"  -o, --output FILE    write FILE atomically instead of stdout\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-plan [-u] [--budget HOURS] [-o FILE] [FILE...]\n"
"\"gap\" レコード（csf-gap の出力）から学習計画を作る。\n"
"  -u, --ungrouped      入力が対象者ごとにまとまっていない: 全対象者を最後まで保持する\n"
"  -B, --budget HOURS   計画が HOURS 時間を超えるところで手順の追加をやめる\n"
"経営のギャップ（kind が directive/maturity）は、Tips を示すヒント最大 2 件になる。\n"
"      --keep-going     不正なレコードを報告して続ける（最後に終了コード 1）\n"
"  -o, --output FILE    標準出力の代わりに FILE へ原子的に書き出す\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "budget", required_argument, NULL, 'B' },
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char **argv)
{
	struct plan_opts opt = { -1, 0 };
	int c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "uB:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'u': opt.ungrouped = 1; break;
		case 'B': opt.budget = csf_arg_double("--budget", optarg, 0, 1e9); break;
		default: csf_usage(&usage);
		}
	}

	csf_out_open();
	planner *tks = plan_new(&opt);
	csf_input *in = csf_input_open(argc - optind, argv + optind);
	csf_line ln;
	while (csf_input_next(in, &ln)) {
		if (strcmp(ln.type, "gap") == 0) {
			if (plan_gap_fast(tks, in, &ln))
				continue;
			json_t *obj = csf_line_parse(&ln);
			if (!mgmt_plan_record(in, &ln, obj))   /* management model first */
				plan_gap(tks, in, &ln, obj);
			json_decref(obj);
		} else if (strcmp(ln.type, "profile") == 0) {
			json_t *obj = csf_line_parse(&ln);
			plan_profile(tks, in, &ln, obj);
			json_decref(obj);
		} else {
			csf_pass(&ln);
		}
	}
	plan_finish(tks);
	mgmt_plan_finish();
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return csf_out_close() || errors ? 1 : 0;
}
