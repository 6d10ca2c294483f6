/* csf-gap - turn "score" records into "gap" records: per subject and item
 * (target - current, severity), each subject's top gaps in priority order,
 * and with --by aggregates over subjects (mergeable with --partial/--merge).
 * TKS scores go to lib/tks/gap.c; records of any other type pass through. */
#include <stdlib.h>
#include <string.h>

#include "tks/pipeline.h"
#include "mgmt/mgmt.h"

static const char usage_en[] =
"usage: csf-gap [-u] [--by FIELD] [--partial | --merge] [--top N] [-o FILE] [FILE...]\n"
"Compute gaps from \"score\" records (csf-assess output).\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n"
"  -b, --by FIELD       aggregate over subjects by role, department, persona or any\n"
"                       profile FIELD: n, mean, share at target, distribution, and\n"
"                       single points of failure\n"
"      --partial        with --by: emit partial sums to be combined by --merge\n"
"      --merge          read partial sums (from several --partial runs) and combine them\n"
"  -n, --top N          top gaps listed per subject (default 10, 0 for all)\n"
MGMT_GAP_USAGE
"      --keep-going     report bad records and go on (exit 1 at the end)\n"
"  -o, --output FILE    write FILE atomically instead of stdout\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-gap [-u] [--by FIELD] [--partial | --merge] [--top N] [-o FILE] [FILE...]\n"
"\"score\" レコード（csf-assess の出力）からギャップを求める。\n"
"  -u, --ungrouped      入力が対象者ごとにまとまっていない: 全対象者を最後まで保持する\n"
"  -b, --by FIELD       対象者を役割、部署、ペルソナまたは任意のプロファイルの FIELD\n"
"                       ごとに集計する: 人数、平均、目標到達の割合、分布、\n"
"                       単一障害点\n"
"      --partial        --by と共に: --merge で合算するための部分和を出力する\n"
"      --merge          部分和（複数回の --partial の出力）を読んで合算する\n"
"  -n, --top N          対象者ごとに並べる上位のギャップの数（既定 10、0 ですべて）\n"
MGMT_GAP_USAGE_JA
"      --keep-going     不正なレコードを報告して続ける（最後に終了コード 1）\n"
"  -o, --output FILE    標準出力の代わりに FILE へ原子的に書き出す\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

enum { OPT_PARTIAL = CSF_OPT_FIRST_FREE, OPT_MERGE };

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "by", required_argument, NULL, 'b' },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "top", required_argument, NULL, 'n' },
	MGMT_GAP_LONGOPTS,
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* --partial: a shard writes its sums and nothing else, so a merge reads
 * only what it needs. Other records are left out on purpose; the
 * management model's records have no partial form yet, so they stop the
 * run rather than vanish. */
static void
partial_record(gapper *tks, csf_input *in, const csf_line *ln)
{
	int score = strcmp(ln->type, "score") == 0;
	if (score && gap_score_fast(tks, in, ln))
		return;
	if (!score && strcmp(ln->type, "profile") != 0 && strcmp(ln->type, "maturity") != 0)
		return;
	json_t *obj = csf_line_parse(ln);
	const char *kind = csf_str(obj, "kind");
	if (!score && strcmp(ln->type, "profile") == 0)
		gap_profile(tks, in, ln, obj);
	else if (score && kind && (!strcmp(kind, "item") || !strcmp(kind, "role") || !strcmp(kind, "persona")))
		gap_score(tks, in, ln, obj);
	else if (score || !kind)
		csf_input_bad(in, ln, "--partial does not sum management-model records yet: run without it");
	json_decref(obj);
}

int
main(int argc, char **argv)
{
	struct gap_opts opt = { NULL, 0, 0, 10, 0 };
	int c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "ub:n:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'u': opt.ungrouped = 1; break;
		case 'b': opt.by = csf_arg_field("--by", optarg); mgmt_gap_by(optarg); break;
		case OPT_PARTIAL: opt.partial = 1; break;
		case OPT_MERGE: opt.merge = 1; break;
		case 'n': opt.top = (int)csf_arg_long("--top", optarg, 0, 100000); break;
		default:
			if (!mgmt_gap_option(c, optarg))   /* management model */
				csf_usage(&usage);
		}
	}
	if (opt.partial && opt.merge)
		csf_usage_error("--partial and --merge exclude each other");
	if (opt.partial && !opt.by)
		csf_usage_error("--partial needs --by FIELD");

	csf_out_open();
	mgmt_gap_start();
	gapper *tks = gap_new(&opt);
	csf_input *in = csf_input_open(argc - optind, argv + optind);
	csf_line ln;
	while (csf_input_next(in, &ln)) {
		if (opt.partial) {
			partial_record(tks, in, &ln);
			continue;
		}
		if (strcmp(ln.type, "score") == 0) {
			if (gap_score_fast(tks, in, &ln))
				continue;
			json_t *obj = csf_line_parse(&ln);
			if (!mgmt_gap_record(in, &ln, obj))
				gap_score(tks, in, &ln, obj);
			json_decref(obj);
		} else if (strcmp(ln.type, "profile") == 0) {
			json_t *obj = csf_line_parse(&ln);
			gap_profile(tks, in, &ln, obj);
			json_decref(obj);
		} else if (opt.merge && strcmp(ln.type, "gap_partial") == 0) {
			json_t *obj = csf_line_parse(&ln);
			gap_partial(tks, in, &ln, obj);
			json_decref(obj);
		} else if (strcmp(ln.type, "maturity") == 0) {
			json_t *obj = csf_line_parse(&ln);
			if (!mgmt_gap_record(in, &ln, obj))
				csf_pass(&ln);
			json_decref(obj);
		} else {
			csf_pass(&ln);
		}
	}
	gap_finish(tks);
	mgmt_gap_finish();
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return csf_out_close() || errors ? 1 : 0;
}
