/* mgmt_stage.c - the management model's stage in csf-assess, csf-gap and
 * csf-plan: its options and help lines, and which records are its own
 * (answers to check items "1-1".."10-2", management scores and gaps). */
#include <string.h>

#include "mgmt/mgmt.h"

/* ---- csf-assess ---- */

static const struct option assess_longopts[] = {
	{ "thresholds", required_argument, NULL, MGMT_OPT_THRESHOLDS },
	{ "from-benchmark", required_argument, NULL, MGMT_OPT_FROM_BENCHMARK },
	{ "disagree", required_argument, NULL, MGMT_OPT_DISAGREE },
	{ "mgmt", no_argument, NULL, MGMT_OPT_TEMPLATE },
	{ "deviation", required_argument, NULL, MGMT_OPT_DEVIATION },
	{ "min-n", required_argument, NULL, MGMT_OPT_MIN_N },
	{ NULL, 0, NULL, 0 }
};

static int
assess_start(const struct csf_run *run)
{
	if (mgmt_assess_template_wanted())
		csf_usage_error("--mgmt goes with --template");
	return mgmt_assess_start(run->ungrouped);
}

static int
assess_record(csf_input *in, const csf_line *ln, json_t *obj)
{
	if (strcmp(ln->type, "profile") == 0) {
		mgmt_assess_profile(ln, obj);   /* keeps its industry; the profile goes on */
		return 0;
	}
	const char *item = csf_str(obj, "item");
	if (!item || !csf_is_check_id(item))
		return 0;
	mgmt_assess_answer(in, ln, obj);
	return 1;
}

/* --template --mgmt: the questionnaire; -1 (not ours) without --mgmt. */
static int
assess_blank(const struct csf_run *run, int nfiles, char **files)
{
	(void)files;
	if (!mgmt_assess_template_wanted())
		return -1;
	if (nfiles > 0)
		csf_usage_error("--template --mgmt reads no files");
	mgmt_template(run->subject, run->template_csv);
	return 0;
}

static const char *const assess_types[] = { "answer", "profile", NULL };

const struct csf_stage mgmt_assess_stage = {
	.name = "mgmt",
	.longopts = assess_longopts,
	.usage_en =
"Management checks (item \"1-1\"..\"10-2\", level 1-5):\n"
"      --mgmt               with --template: the questionnaire, every check with its\n"
"                           directive, text, answer scale and hint\n"
"      --thresholds A,B     index bounds of classes A and B (default 3.75,2.67; inferred)\n"
"      --from-benchmark SET score the companies of a benchmark set (e.g. table2.2)\n"
"      --disagree N         report items whose assessors differ by N or more (default 1)\n"
"      --deviation BY       deviation score (hensachi) of the index and each directive\n"
"                           mean within a cohort of the input's subjects: all,\n"
"                           industry, size or manufacturing (holds every subject)\n"
"      --min-n N            no deviation in cohorts under N subjects (default 5)\n",
	.usage_ja =
"経営のチェック項目（項目 \"1-1\"〜\"10-2\"、レベル 1-5）:\n"
"      --mgmt               --template と共に: 調査票。全チェック項目を指示、\n"
"                           項目の文、回答の尺度、ヒントと共に書き出す\n"
"      --thresholds A,B     クラス A と B の指標の境界（既定 3.75,2.67。推定による）\n"
"      --from-benchmark SET ベンチマークの集合（例: table2.2）の企業を採点する\n"
"      --disagree N         評価者の間で N 以上食い違う項目を報告する（既定 1）\n"
"      --deviation BY       入力の対象を比較群に分け、指標と指示ごとの平均の偏差値を\n"
"                           出す: all、industry、size、manufacturing（全対象を\n"
"                           最後まで保持する）\n"
"      --min-n N            対象が N 未満の比較群では偏差値を出さない（既定 5）\n",
	.option = mgmt_assess_option,
	.start = assess_start,
	.types = assess_types,
	.record = assess_record,
	.finish = mgmt_assess_finish,
	.template = assess_blank,
};

/* ---- csf-gap ---- */

static const struct option gap_longopts[] = {
	{ "benchmark", required_argument, NULL, MGMT_OPT_BENCHMARK },
	{ "a-target", required_argument, NULL, MGMT_OPT_A_TARGET },
	{ "cohort", required_argument, NULL, MGMT_OPT_COHORT },
	{ "cohort-set", required_argument, NULL, MGMT_OPT_COHORT_SET },
	{ "min-n", required_argument, NULL, MGMT_OPT_MIN_N },
	{ "group", required_argument, NULL, MGMT_OPT_GROUP },
	{ NULL, 0, NULL, 0 }
};

static int
gap_start(const struct csf_run *run)
{
	mgmt_gap_start(run->by, run->partial, run->merge);
	return 0;
}

static const char *const gap_types[] = { "score", "maturity", "gap_partial", NULL };

const struct csf_stage mgmt_gap_stage = {
	.name = "mgmt",
	.longopts = gap_longopts,
	.usage_en =
"Management maturity (score/maturity records from csf-assess):\n"
"      --benchmark SET      class means to compare with (default table2.3; also karte)\n"
"      --a-target 5|mean    what a class A subject is compared with (default 5)\n"
"      --cohort GROUP       also compare with a cohort: all, mfg, nonmfg, A, B, C,\n"
"                           an industry id (KK, SS, ...), or industry / manufacturing\n"
"                           for the subject's own\n"
"      --cohort-set SET     company rows the cohorts come from (default table2.2)\n"
"      --min-n N            suppress cohorts and groups under N members (default 5)\n"
"      --by class|industry|manufacturing|size|all  aggregate directive means over\n"
"                           subjects (n always shown, groups under --min-n suppressed)\n"
"      --by parent          roll each group's companies (profile \"parent\") up to the\n"
"                           group: a row per company, the group's means and class\n"
"      --group NAME         with --by parent: only this group\n",
	.usage_ja =
"経営の成熟度（csf-assess が出す score/maturity レコード）:\n"
"      --benchmark SET      比べるクラス平均（既定 table2.3。karte も可）\n"
"      --a-target 5|mean    クラス A の対象を何と比べるか（既定 5）\n"
"      --cohort GROUP       比較群とも比べる: all, mfg, nonmfg, A, B, C、\n"
"                           業種 ID（KK, SS, ...）、または対象自身の業種・\n"
"                           製造業の区分を表す industry / manufacturing\n"
"      --cohort-set SET     比較群のもとになる企業の行（既定 table2.2）\n"
"      --min-n N            メンバーが N 未満の比較群とグループを出さない（既定 5）\n"
"      --by class|industry|manufacturing|size|all  指示ごとの平均を対象全体で集計する\n"
"                           （人数は常に示し、--min-n 未満のグループは出さない）\n"
"      --by parent          グループ（プロファイルの \"parent\"）ごとに各社を集約する:\n"
"                           会社ごとの行、グループの平均と成熟度\n"
"      --group NAME         --by parent と共に: このグループだけ\n",
	.option = mgmt_gap_option,
	.start = gap_start,
	.types = gap_types,
	.record = mgmt_gap_record,
	.finish = mgmt_gap_finish,
};

/* ---- csf-plan ---- */

static const char *const plan_types[] = { "gap", NULL };

const struct csf_stage mgmt_plan_stage = {
	.name = "mgmt",
	.usage_en = "Management gaps (kind directive/maturity) become at most two hints naming Tips.\n",
	.usage_ja = "経営のギャップ（kind が directive/maturity）は、Tips を示すヒント最大 2 件になる。\n",
	.types = plan_types,
	.record = mgmt_plan_record,
	.finish = mgmt_plan_finish,
};
