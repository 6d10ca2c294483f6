/* org_stage.c - the organisation model's stage in csf-assess, csf-gap and
 * csf-plan (core/stage.h): its options and help lines, and the records it
 * reads. The work is in org_assess.c, org_gap.c and org_plan.c. */
#include <string.h>

#include "org/org.h"
#include "tks/pipeline.h"   /* --tasks of csf-assess */

/* ---- csf-assess ---- */

static const struct option assess_longopts[] = {
	{ "org", no_argument, NULL, ORG_OPT_ORG },
	{ "unit", required_argument, NULL, ORG_OPT_UNIT },
	{ "org-tasks", required_argument, NULL, ORG_OPT_TASKS },
	{ NULL, 0, NULL, 0 }
};

static int
assess_start(const struct csf_run *run)
{
	org_assess_start(run->ungrouped);
	return 0;
}

static int
assess_record(csf_input *in, const csf_line *ln, json_t *obj)
{
	if (strcmp(ln->type, "profile") == 0) {
		org_assess_profile(obj);   /* roles from the person's unit; the profile goes on */
		return 0;
	}
	/* a row of the tasks x units sheet names a task and no unit */
	if (!ln->text && strcmp(ln->type, "assignment") == 0 && !json_object_get(obj, "unit"))
		org_assess_matrix_row(in, ln, obj);
	else
		org_assess_record(in, ln, obj);
	return 1;
}

static int
org_template(const struct csf_run *run, int nfiles, char **files)
{
	if (!org_template_wanted())
		return -1;
	return org_template_run(nfiles, files, run->subject ? run->subject : "you", run->template_csv,
	                        tks_template_opts()->tasks);
}

static const char *const assess_types[] = { "unit", "assignment", "org", "profile", NULL };

const struct csf_stage org_assess_stage = {
	.name = "org",
	.longopts = assess_longopts,
	.usage_en =
"Organisation structure (unit, assignment, org records; csf-org(7)):\n"
"      --template --org     the tasks x units matrix (CSV) of the units read; a CSV\n"
"                           with type \"assignment\" rows is read back as assignments\n"
"      --org-tasks SETS     matrix rows: functions, areas, examples, scope (comma list;\n"
"                           default functions,scope)\n"
"      --template --unit ID a person's template from what unit ID owns or supports\n",
	.usage_ja =
"組織体制（unit, assignment, org レコード。csf-org(7)）:\n"
"      --template --org     読んだ部署のタスク×部署の表（CSV）を書き出す。type が\n"
"                           \"assignment\" の行の CSV は割り当てとして読み戻す\n"
"      --org-tasks SETS     表の行: functions, areas, examples, scope（カンマ区切り。\n"
"                           既定 functions,scope）\n"
"      --template --unit ID 部署 ID が担う・支援するタスクから個人のテンプレートを作る\n",
	.option = org_assess_option,
	.start = assess_start,
	.types = assess_types,
	.fast = org_assess_fast,
	.record = assess_record,
	.finish = org_assess_finish,
	.template = org_template,
};

/* ---- csf-gap ---- */

static const struct option gap_longopts[] = {
	{ "overload", required_argument, NULL, ORG_OPT_OVERLOAD },
	{ "org-model", required_argument, NULL, ORG_OPT_MODEL },
	{ NULL, 0, NULL, 0 }
};

static int
gap_start(const struct csf_run *run)
{
	org_gap_start(run->by, run->partial, run->merge, run->ungrouped);
	return 0;
}

static const char *const gap_types[] = { "unit", "assignment", "org", "score", "profile", "gap_partial", NULL };

const struct csf_stage org_gap_stage = {
	.name = "org",
	.longopts = gap_longopts,
	.usage_en =
"Organisation structure (csf-org(7)):\n"
"      --overload N         tasks one person may hold before a unit is overloaded\n"
"                           (default 10, per person when the unit gives \"people\")\n"
"      --org-model FILE     compare each organisation with a distribution model\n"
"                           (the output of csf-gap --by FIELD)\n"
"      --by FIELD           over organisations: who performs each task, per group\n",
	.usage_ja =
"組織体制（csf-org(7)）:\n"
"      --overload N         一人が担えるタスク数。超えると兼務過多（既定 10。\n"
"                           部署に \"people\" があれば人数分）\n"
"      --org-model FILE     各組織を機能分化モデル（csf-gap --by FIELD の出力）と比べる\n"
"      --by FIELD           組織をまたいで: グループごとに各タスクを誰が担うか\n",
	.option = org_gap_option,
	.start = gap_start,
	.types = gap_types,
	.fast = org_gap_fast,
	.record = org_gap_record,
	.finish = org_gap_finish,
};

/* ---- csf-plan ---- */

static const char *const plan_types[] = { "gap", "score", "org", NULL };

const struct csf_stage org_plan_stage = {
	.name = "org",
	.usage_en =
"Organisation findings (kind org) become actions: appoint a supervisor, give\n"
"authority, ways to get people, Plus Security, the xSIRT to set up; an outsourced\n"
"task names the service types to buy, a small organisation the dispatch schemes\n"
"(csf-org(7)).\n",
	.usage_ja =
"組織体制の指摘（kind が org）は対策になる: 管理監督者の任命、権限の付与、\n"
"人材確保の方法、プラス・セキュリティ、設けるべき xSIRT。委託しているタスクには\n"
"購入すべきサービス種別を、小規模な組織には専門家派遣制度を示す（csf-org(7)）。\n",
	.types = plan_types,
	.record = org_plan_record,
	.finish = org_plan_finish,
};
