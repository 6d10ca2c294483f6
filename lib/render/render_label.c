/* render_label.c - the one table of words every format shows: the
 * report's own phrases, column headers, the values of enumerated fields
 * and the names of things a record refers to by ID (roles, personas,
 * directives, industries, items, resources, benchmark sets), all in
 * --lang. A word we have no entry for is shown as it is, never lost. */
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "render/render.h"

static const struct { const char *id, *ja, *en; } labels[] = {
	/* The report's own phrases. */
	{ "title", "サイバーセキュリティ人材・経営 評価レポート", "Cybersecurity workforce and management report" },
	{ "records", "レコード数", "Records" },
	{ "contents", "目次", "Contents" },
	{ "overview", "概要", "Summary" },
	{ "organisation", "組織", "Organisation" },
	{ "data_date", "データの日付", "Date of the data" },
	{ "today", "(作成日)", "(date of this report)" },
	{ "people_assessed", "評価した人数", "People assessed" },
	{ "coverage_total", "目標に達した項目の割合", "Items at target" },
	{ "largest_gaps", "最も大きいギャップ", "Largest gaps" },
	{ "n_people", "%s人", "%s people" },
	{ "n_people_1", "%s人", "%s person" },
	{ "companies", "評価した組織", "Organisations assessed" },
	{ "karte", "評価結果(カルテ)", "Assessment result sheet" },
	{ "industry", "業種グループ", "Industry group" },
	{ "maturity", "成熟度総合評価", "Overall maturity" },
	{ "index", "指標(指示平均の平均)", "Index (mean of directive means)" },
	{ "rule", "判定規則", "Rule" },
	{ "rule_inferred", "推定(報告書に明記なし)", "inferred (not stated in the report)" },
	{ "dir_table", "指示ごとの平均値と成熟度平均値との差", "Directive means and the gap to the maturity class means" },
	{ "dir_short", "指示%s", "D%s" },
	{ "directive", "指示", "Directive" },
	{ "overall", "全体平均", "Overall mean" },
	{ "class_mean", "成熟度%s平均", "Maturity %s mean" },
	{ "gap_to", "成熟度%sとの差", "Gap to maturity %s" },
	{ "gap_to_5", "レベル5との差", "Gap to level 5" },
	{ "benchmark", "比較データ", "Benchmark" },
	{ "radar", "指示ごとの平均値(レーダーチャート)", "Directive means (radar chart)" },
	{ "findings", "所見", "Findings" },
	{ "hints", "ヒント", "Hints" },
	{ "hint_n", "ヒント%s", "Hint %s" },
	{ "tips", "参照するティップス", "Tips to read" },
	{ "checks", "付録A項目ごとの回答", "Answers per Appendix A check item" },
	{ "check", "項目", "Item" },
	{ "answer", "回答", "Answer" },
	{ "assessor", "評価者", "Assessor" },
	{ "evidence", "根拠", "Evidence" },
	{ "answer_date", "回答日", "Date answered" },
	{ "checks_who", "評価者・根拠のある回答", "Answers with an assessor or evidence" },
	{ "generation", "チェック項目の世代", "Check-set generation" },
	{ "deviation", "偏差値", "Deviation score" },
	{ "cohort", "比較群", "cohort" },
	{ "suppressed", "少数のため非表示", "too few to show" },
	{ "other", "その他のレコード", "Other records" },
	{ "none", "表示するレコードがありません。", "There are no records to show." },
	{ "list_sep", "、", ", " },
	{ "org", "組織の状況", "Organisation" },
	{ "heat_title", "役割×部署: 目標に達した項目の割合の平均(%)", "Roles by department: mean share of items at target (%)" },
	{ "heat_note", "セルの数値は各部署の該当者の平均。空欄は該当者なし。", "Each cell is the mean over the people of that department; blank where there is nobody." },
	{ "persona_n", "ペルソナ %s", "Persona %s" },
	{ "by_n", "%s別の集計", "By %s" },
	{ "spof", "単一障害点: 目標に達しているのが一人だけの項目", "Single points of failure: items only one person holds at target" },
	{ "spof_short", "単一障害点(一人だけが目標に達している項目)", "Single points of failure (items one person holds)" },
	{ "nobody", "誰も目標に達していない項目", "Items nobody holds at target" },
	{ "n_items", "%s件", "%s items" },
	{ "group", "グループ", "Group" },
	{ "people", "人数", "People" },
	{ "item", "項目", "Item" },
	{ "text", "内容", "Description" },
	{ "holder", "担当できる人", "Only holder" },
	{ "person", "個人", "Person" },
	{ "department", "部署", "Department" },
	{ "roles", "役割", "Roles" },
	{ "personas", "ペルソナ", "Personas" },
	{ "summary", "役割ごとの到達度", "Progress per role" },
	{ "name", "名称", "Name" },
	{ "coverage", "目標到達(%)", "At target (%)" },
	{ "task_cov", "タスク到達(%)", "Tasks at target (%)" },
	{ "ks_cov", "知識・スキル到達(%)", "Knowledge and skills at target (%)" },
	{ "mean", "平均レベル", "Mean level" },
	{ "answered", "回答/項目", "Answered / items" },
	{ "levels", "項目ごとのレベルと目標(縦線)", "Level per item against its target (the vertical line)" },
	{ "gaps", "ギャップ", "Gaps" },
	{ "class", "区分", "Class" },
	{ "current", "現在", "Current" },
	{ "target", "目標", "Target" },
	{ "gap", "差", "Gap" },
	{ "severity", "重要度", "Severity" },
	{ "plan", "学習計画", "Learning plan" },
	{ "hours_n", "%s時間", "%s hours" },
	{ "hour_1", "%s時間", "%s hour" },
	{ "closes", "目標に届く項目", "Brings to target" },
	{ "raises", "引き上げる項目", "Raises" },
	{ "plan_total", "合計", "Total" },
	{ "gaps_closed", "解消するギャップ", "Gaps closed" },
	{ "uncovered", "計画で扱えない項目", "Items no resource covers" },
	{ "reason_gap", "未解消で最大のギャップ %s", "largest open gap: %s" },
	/* Charts. */
	{ "legend_current", "現在のレベル", "Current level" },
	{ "legend_target", "目標(縦線)", "Target (vertical line)" },
	{ "legend_at", "目標に到達", "At target" },
	{ "legend_short", "目標まで1", "1 below target" },
	{ "legend_far", "目標まで2以上", "2 or more below" },
	{ "legend_scale", "低い ← → 高い", "low ← → high" },
	{ "bars_title", "%s: 項目ごとのレベルと目標", "%s: level per item against its target" },
	{ "dir_bars_title", "%s: 指示ごとの平均値と目標", "%s: directive means against the target" },
	{ "companies_title", "組織×指示: 指示ごとの平均値", "Organisations by directive: directive means" },
	/* Sections of the tabular formats: type, or type.kind. */
	{ "sec.score.item", "項目ごとのレベル", "Levels per item" },
	{ "sec.score.role", "役割ごとの到達度", "Progress per role" },
	{ "sec.score.persona", "ペルソナごとの到達度", "Progress per persona" },
	{ "sec.score.directive", "指示ごとの平均値", "Directive means" },
	{ "sec.score.index", "指標", "Index" },
	{ "sec.score.check", "付録A項目ごとの回答", "Answers per check item" },
	{ "sec.gap.item", "項目ごとのギャップ", "Gaps per item" },
	{ "sec.gap.subject", "個人ごとのギャップ集計", "Gaps per person" },
	{ "sec.gap.group", "グループ集計", "Group figures" },
	{ "sec.gap.directive", "指示ごとの差", "Gaps per directive" },
	{ "sec.gap.maturity", "成熟度の所見", "Maturity findings" },
	{ "sec.plan.step", "学習計画の手順", "Learning plan steps" },
	{ "sec.plan.subject", "学習計画の集計", "Learning plan totals" },
	{ "sec.plan.hint", "ヒント", "Hints" },
	{ "sec.maturity", "成熟度", "Maturity" },
	{ "sec.profile", "プロフィール", "Profiles" },
	{ "sec.meta", "メタ情報", "Notes" },
	/* Column headers: the records' keys. */
	{ "col.subject", "対象", "Subject" },
	{ "col.meta.by", "作成者", "By" },
	{ "col.meta.run", "実施", "Run" },
	{ "col.@name", "氏名", "Name" },
	{ "col.name", "名称", "Name" },
	{ "col.item", "項目", "Item" },
	{ "col.@item", "内容", "Description" },
	{ "col.class", "区分", "Class" },
	{ "col.current", "現在", "Current" },
	{ "col.target", "目標", "Target" },
	{ "col.gap", "差", "Gap" },
	{ "col.severity", "重要度", "Severity" },
	{ "col.mode", "関わり方", "Mode" },
	{ "col.phase", "局面", "Phase" },
	{ "col.kind", "種別", "Kind" },
	{ "col.level", "レベル", "Level" },
	{ "col.role", "役割", "Role" },
	{ "col.@role", "役割名", "Role name" },
	{ "col.roles", "役割", "Roles" },
	{ "col.persona", "ペルソナ", "Persona" },
	{ "col.@persona", "ペルソナ名", "Persona name" },
	{ "col.department", "部署", "Department" },
	{ "col.items", "項目数", "Items" },
	{ "col.answered", "回答数", "Answered" },
	{ "col.at_target", "目標到達数", "At target" },
	{ "col.coverage", "目標到達(%)", "At target (%)" },
	{ "col.mean", "平均", "Mean" },
	{ "col.tasks", "タスク数", "Tasks" },
	{ "col.tasks_at_target", "目標到達タスク", "Tasks at target" },
	{ "col.task_coverage", "タスク到達(%)", "Tasks at target (%)" },
	{ "col.ks", "知識・スキル数", "Knowledge and skills" },
	{ "col.ks_at_target", "目標到達知識・スキル", "Knowledge and skills at target" },
	{ "col.ks_coverage", "知識・スキル到達(%)", "Knowledge and skills at target (%)" },
	{ "col.by", "集計の単位", "Grouped by" },
	{ "col.value", "グループ", "Group" },
	{ "col.n", "人数", "People" },
	{ "col.pairs", "回答数", "Answers" },
	{ "col.share_at_target", "目標到達(%)", "At target (%)" },
	{ "col.unanswered", "未回答", "Unanswered" },
	{ "col.dist", "レベル分布(0-4)", "Levels 0-4" },
	{ "col.tasks_held", "担えるタスク", "Tasks held" },
	{ "col.ks_held", "担える知識・スキル", "Knowledge and skills held" },
	{ "col.spof", "単一障害点", "Single points of failure" },
	{ "col.nobody", "誰も達していない項目", "Items nobody holds" },
	{ "col.step", "手順", "Step" },
	{ "col.resource", "教材", "Resource" },
	{ "col.@resource", "教材名", "Resource name" },
	{ "col.resource_kind", "教材の種類", "Resource kind" },
	{ "col.hours", "時間", "Hours" },
	{ "col.closes", "目標に届く項目", "Brings to target" },
	{ "col.raises", "引き上げる項目", "Raises" },
	{ "col.gain", "上がるレベル", "Levels gained" },
	{ "col.reason", "理由", "Reason" },
	{ "col.steps", "手順数", "Steps" },
	{ "col.gaps", "ギャップ数", "Gaps" },
	{ "col.closed", "解消数", "Closed" },
	{ "col.gap_total", "ギャップ合計", "Gap total" },
	{ "col.gap_closed", "解消するギャップ合計", "Gap closed" },
	{ "col.uncovered", "計画で扱えない項目", "Items no resource covers" },
	{ "col.deferred", "先送りした項目", "Deferred" },
	{ "col.high", "高", "High" },
	{ "col.medium", "中", "Medium" },
	{ "col.low", "低", "Low" },
	{ "col.top", "大きいギャップ", "Largest gaps" },
	{ "col.directive", "指示", "Directive" },
	{ "col.@directive", "指示の名称", "Directive name" },
	{ "col.display", "平均(表示)", "Mean (shown)" },
	{ "col.band", "色分け", "Band" },
	{ "col.index", "指標", "Index" },
	{ "col.directives", "指示", "Directives" },
	{ "col.industry", "業種", "Industry" },
	{ "col.@industry", "業種名", "Industry name" },
	{ "col.manufacturing", "製造業", "Manufacturing" },
	{ "col.benchmark", "比較データ", "Benchmark" },
	{ "col.version", "版", "Version" },
	{ "col.published", "報告書の区分", "Published class" },
	{ "col.agrees", "一致", "Agrees" },
	{ "col.thresholds.A", "A の下限", "Lower bound of A" },
	{ "col.thresholds.B", "B の下限", "Lower bound of B" },
	{ "col.rule", "判定規則", "Rule" },
	{ "col.target_mean", "目標の平均", "Target mean" },
	{ "col.flag1", "1点以上の差", "Gap of 1 or more" },
	{ "col.flag2", "2点以上の差", "Gap of 2 or more" },
	{ "col.lowest", "低い回答", "Lowest answers" },
	{ "col.tips", "ティップス", "Tips" },
	{ "col.level5", "レベル5未満の指示", "Directives below 5" },
	{ "col.one_point", "1点以上の差がある指示", "Directives 1 point behind" },
	{ "col.two_points", "2点以上の差がある指示", "Directives 2 points behind" },
	{ "col.rank", "順位", "Rank" },
	{ "col.urgent", "急務", "Urgent" },
	{ "col.hint", "ヒント", "Hint" },
	{ "col.heading", "見出し", "Heading" },
	{ "col.text", "内容", "Text" },
	{ "col.note", "注記", "Note" },
	{ "col.source", "出典", "Source" },
	{ "col.id", "ID", "ID" },
	{ "col.@check", "項目の内容", "Check item" },
	/* Values of the records' own fields. */
	{ "class.task", "タスク", "task" },
	{ "class.knowledge", "知識", "knowledge" },
	{ "class.skill", "スキル", "skill" },
	{ "severity.high", "高", "high" },
	{ "severity.medium", "中", "medium" },
	{ "severity.low", "低", "low" },
	{ "mode.own", "自ら担う", "own" },
	{ "mode.support", "支援する", "support" },
	{ "mode.outsource", "委託する", "outsource" },
	{ "phase.normal", "平常時", "normal" },
	{ "phase.incident", "インシデント時", "incident" },
	{ "resource_kind.knowledge", "知識", "knowledge" },
	{ "resource_kind.practice", "演習", "practice" },
	{ "resource_kind.skill", "スキル", "skill" },
	{ "resource_kind.course", "講座", "course" },
	{ "resource_kind.exam", "試験", "exam" },
	{ "rule.inferred", "推定", "inferred" },
	{ "rule.stated", "報告書に明記", "stated" },
	{ "bool.true", "はい", "yes" },
	{ "bool.false", "いいえ", "no" },
	/* Why csf-plan moves an item, or leaves it open. */
	{ "why.largest-gap", "未解消で最大のギャップ", "largest open gap" },
	{ "why.prerequisite", "前提となる項目", "prerequisite" },
	{ "why.same-resource", "同じ教材で上がる", "same resource" },
	{ "why.no-resource", "扱う教材がない", "no resource covers it" },
	{ "why.above-target", "目標を超える", "above target" },
	{ "why.outsourced", "委託する項目", "outsourced" },
	{ "why.levels", "教材の上限レベルに届かない", "beyond the resources' levels" },
	{ "why.budget", "予算を超える", "over the budget" },
	{ "why.years", "期間を超える", "beyond the years" },
	{ "col.reasons", "引き上げる項目と理由", "Items moved and why" },
	{ "col.why", "理由", "Why" },
	{ "col.year", "年", "Year" },
	{ "col.until", "終了年", "Until" },
	{ "col.format", "形式", "Format" },
	/* Outside help for the organisation model's plans (services.ndjson). */
	{ "sec.plan.org_service", "購入すべきサービス", "Services to buy" },
	{ "sec.plan.org_dispatch", "専門家・講師の派遣制度", "Expert and lecturer dispatch schemes" },
	{ "sec.plan.org_action", "組織への対処", "Actions for the organisation" },
	{ "col.choose_from", "選定に使うリスト", "Choose a provider from" },
	{ "col.services", "サービス種別", "Service types" },
	{ "col.schemes", "派遣制度", "Dispatch schemes" },
	/* The organisation model's tasks and units, as its matrix names them. */
	{ "col.task", "タスク", "Task" },
	{ "col.units", "部署", "Units" },
	{ "col.action", "対処", "Action" },
	{ "why.no-inhouse-primary", "社内に担い手がいない", "nobody in-house" },
	/* Fields of csf-gap --by, as in "By department" / "部署別の集計". */
	{ "by.department", "部署", "department" },
	{ "by.role", "役割", "role" },
	{ "by.persona", "ペルソナ", "persona" },
	{ "by.industry", "業種", "industry" },
	{ NULL, NULL, NULL }
};

static int
lang_ja(void)
{
	return !strcmp(csf_opt.lang, "ja");
}

/* id -> place in labels + 1, an open-addressed table made on first use:
 * cells look words up per row. */
enum { LABEL_SLOTS = 1024 };   /* a power of two, well over the labels */
static unsigned short label_slot[LABEL_SLOTS];
static int label_slots_made;

static size_t
label_hash(const char *s)
{
	size_t h = 2166136261u;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h & (LABEL_SLOTS - 1);
}

const char *
csf_label_find(const char *id)
{
	if (!label_slots_made) {
		label_slots_made = 1;
		for (size_t i = 0; labels[i].id; i++) {
			size_t h = label_hash(labels[i].id);
			while (label_slot[h])
				h = (h + 1) & (LABEL_SLOTS - 1);
			label_slot[h] = (unsigned short)(i + 1);
		}
	}
	for (size_t h = label_hash(id); label_slot[h]; h = (h + 1) & (LABEL_SLOTS - 1)) {
		size_t i = label_slot[h] - 1u;
		if (!strcmp(labels[i].id, id))
			return lang_ja() ? labels[i].ja : labels[i].en;
	}
	return NULL;
}

const char *
csf_label(const char *id)
{
	const char *s = csf_label_find(id);
	return s ? s : id;
}

char *
csf_labelf(const char *id, const char *arg)
{
	const char *fmt = csf_label(id), *p = strstr(fmt, "%s");
	size_t n = strlen(fmt) + strlen(arg) + 1;
	char *s = xmalloc(n);
	if (!p)
		snprintf(s, n, "%s", fmt);
	else
		snprintf(s, n, "%.*s%s%s", (int)(p - fmt), fmt, arg, p + 2);
	return s;
}

/* A SEP B in BUF of SIZE bytes; 0 when it does not fit. */
static int
join_key(char *buf, size_t size, const char *a, char sep, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na + 1 + nb >= size)
		return 0;
	memcpy(buf, a, na);
	buf[na] = sep;
	memcpy(buf + na + 1, b, nb + 1);
	return 1;
}

const char *
csf_label_value(const char *field, const char *value)
{
	if (!value)
		return "";
	/* "field.value" without printf: a look-up per row of a table. */
	char id[96];
	if (!join_key(id, sizeof id, field, '.', value))
		return value;
	const char *s = csf_label_find(id);
	return s ? s : value;
}

const char *
csf_label_column(const char *key)
{
	char id[96];
	size_t n = strlen(key);
	if (n + 4 >= sizeof id)
		return key;
	memcpy(id, "col.", 4);
	memcpy(id + 4, key, n + 1);
	const char *s = csf_label_find(id);
	return s ? s : key;
}

/* The industry of the benchmark's company rows: {"id":"KK","ja":..,"en":..}. */
static const char *
industry_name(const char *id)
{
	size_t i;
	json_t *b;
	json_array_foreach(csf_data_all("benchmark"), i, b) {
		json_t *ind = json_object_get(b, "industry");
		const char *bid = csf_str(ind, "id");
		if (bid && !strcmp(bid, id)) {
			const char *s = csf_str(ind, lang_ja() ? "ja" : "en");
			return s ? s : "";
		}
	}
	return "";
}

static const char *
bench_title(const char *set)
{
	size_t i;
	json_t *b;
	json_array_foreach(csf_data_all("benchmark"), i, b) {
		const char *s = csf_str(b, "set"), *kind = csf_str(b, "kind");
		if (s && kind && !strcmp(s, set) && !strcmp(kind, "set"))
			return csf_text(json_object_get(b, "title"));
	}
	return "";
}

/* Names read off the data's lines, by "what\037id": a table names the
 * same few items on every row. */
static strmap *names;

static void
free_names(void)
{
	strmap_free_with(names, free);
}

const char *
csf_name_of(const char *what, const char *id)
{
	if (!id || !*id)
		return "";
	if (!strcmp(what, "industry"))
		return industry_name(id);
	if (!strcmp(what, "benchmark"))
		return bench_title(id);
	char key[256];
	if (!join_key(key, sizeof key, what, '\037', id))
		goto uncached;
	if (!names) {
		names = strmap_new();
		atexit(free_names);
	}
	int created;
	void **slot = strmap_slot(names, key, &created);
	if (!created)
		return *slot;
	*slot = NULL;
	const char *type = what, *field = "name";
	if (!strcmp(what, "item")) {
		type = id[0] == 'T' ? "task" : id[0] == 'K' ? "knowledge" : id[0] == 'S' ? "skill" : NULL;
		field = "text";
	} else if (!strcmp(what, "tip"))
		field = "title";
	else if (!strcmp(what, "check"))
		field = "text";
	char *text = type ? csf_data_find_text(type, id, field) : NULL;
	*slot = text ? text : xstrdup("");
	return *slot;
uncached:
	if (!strcmp(what, "item")) {
		json_t *it = csf_data_item(id);
		return it ? csf_text(json_object_get(it, "text")) : "";
	}
	{
		const char *k = !strcmp(what, "tip") ? "title" : !strcmp(what, "check") ? "text" : "name";
		json_t *rec = csf_data_find(what, id);
		return rec ? csf_text(json_object_get(rec, k)) : "";
	}
}

char *
csf_short(const char *s, size_t maxw)
{
	size_t w;
	if (csf_display_width(s) <= maxw)
		return xstrdup(s);
	size_t n = csf_width_prefix(s, maxw > 1 ? maxw - 1 : 0, &w);
	char *cut = xmalloc(n + 4);
	memcpy(cut, s, n);
	memcpy(cut + n, "\xe2\x80\xa6", 4);   /* … */
	return cut;
}

static char *reason_sentence(const char *text);

/* csf-plan's reason, said in --lang: the structured form {item, from, to,
 * why} or the sentences "largest open gap: T015 (0 -> 3)" (either
 * language); any other text is shown as written. */
char *
csf_reason_text(const json_t *reason)
{
	char arg[128];
	if (json_is_object(reason)) {
		const char *item = csf_str(reason, "item"), *why = csf_str(reason, "why");
		json_t *from = json_object_get(reason, "from"), *to = json_object_get(reason, "to");
		if (!item)
			return xstrdup(why ? csf_label_value("why", why) : "");
		if (json_is_number(from) && json_is_number(to))
			snprintf(arg, sizeof arg, "%s (%g%s%g)", item, json_number_value(from),
			    lang_ja() ? "→" : " -> ", json_number_value(to));
		else
			snprintf(arg, sizeof arg, "%s", item);
		if (why && strcmp(why, "largest_gap") && strcmp(why, "largest-gap") && strcmp(why, "gap")) {
			const char *w = csf_label_value("why", why);
			size_t n = strlen(w) + strlen(arg) + 3;
			char *s = xmalloc(n);
			snprintf(s, n, "%s: %s", w, arg);
			return s;
		}
		return csf_labelf("reason_gap", arg);
	}
	const char *text = json_string_value(reason);
	if (!text)
		return xstrdup("");
	/* The sentences repeat (an item and two levels): each read once,
	 * up to a bound, so that memory stays flat on any input. */
	static strmap *seen;
	if (!seen)
		seen = strmap_new();
	const char *said = strmap_get(seen, text);
	if (said)
		return xstrdup(said);
	char *out = reason_sentence(text);
	if (strmap_count(seen) < 4096) {
		int created;
		*strmap_slot(seen, text, &created) = xstrdup(out);
	}
	return out;
}

static char *
reason_sentence(const char *text)
{
	char arg[128];
	static const char *const forms[] = {
		"largest open gap: %15[A-Za-z0-9-] (%d -> %d)%n",
		"未解消で最大のギャップ %15[A-Za-z0-9-] (%d→%d)%n",
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		char id[16];
		int cur, tgt, end = -1;
		if (sscanf(text, forms[i], id, &cur, &tgt, &end) != 3 || end < 0 || text[end] != '\0')
			continue;
		snprintf(arg, sizeof arg, "%s (%d%s%d)", id, cur, lang_ja() ? "→" : " -> ", tgt);
		return csf_labelf("reason_gap", arg);
	}
	return xstrdup(text);
}
