/* schema_table.c - one table says what every csf record type must look
 * like (the checker, schema.c, walks records against it). To change a
 * type, edit its one entry here (and, rarely, its hook). */
#include <string.h>

#include "check/schema_impl.h"

static void level_hook(struct rec *, const json_t *);
static void answer_hook(struct rec *, const json_t *);
static void profile_hook(struct rec *, const json_t *);

const struct schema schemas[] = {
	{ "role", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "R[0-9]{2}"),
		F("no", K_INT, REQ, RANGE(1, 99)),
		F("name", K_TEXT, REQ),
		F("summary", K_TEXT, 0),
		F("duties", K_ARR, 0),
		F("duties[]", K_TEXT, 0),
		F("titles", K_ARR, 0),
		F("titles[]", K_TEXT, 0),
		F("nice", K_ARR, 0),
		F("nice[]", K_STR, 0, .nice = "work_role"),
		F("crosswalk", K_OBJ, 0),
		F("crosswalk.*", K_ARR, 0),
		F("crosswalk.*[]", K_STR, NONEMPTY),
		SOURCE, PROVENANCE } },
	TKS_SCHEMA("task", "T"),
	TKS_SCHEMA("knowledge", "K"),
	TKS_SCHEMA("skill", "S"),
	{ "level", level_hook, {  /* the hook bounds "level" by "scale" */
		F("scale", K_STR, REQ, .oneof = "role|self"),
		F("level", K_INT, REQ),
		F("name", K_TEXT, 0),
		F("desc", K_TEXT, 0),
		SOURCE, PROVENANCE } },
	{ "persona", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "[A-Za-z][A-Za-z0-9_-]*"),
		F("name", K_TEXT, REQ),
		F("desc", K_TEXT, 0),
		F("roles", K_ARR, 0),
		F("roles[]", K_STR, 0, .ref = "role"),
		F("items", K_ARR, REQ | NONEMPTY),
		F("items[]", K_OBJ, 0),
		F("items[].item", K_STR, REQ, .ref = "task|knowledge|skill"),
		F("items[].mode", K_STR, REQ, .oneof = "own|support|outsource"),
		F("items[].phase", K_STR, REQ, .oneof = "normal|incident"),
		F("items[].target", K_INT, REQ, RANGE(1, 4)),
		SOURCE, PROVENANCE } },
	{ "question", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "Q[0-9]+"),
		F("case", K_INT, REQ, RANGE(1, 2)),
		F("text", K_TEXT, REQ),
		F("multi", K_BOOL, 0),
		F("choices", K_ARR, REQ | NONEMPTY),
		F("choices[]", K_OBJ, 0),
		F("choices[].id", K_STR, REQ, .pattern = "Q[0-9]+[a-z]+", .defines = "choice"),
		F("choices[].text", K_TEXT, REQ),
		F("choices[].personas", K_ARR, 0),
		F("choices[].personas[]", K_STR, 0, .ref = "persona"),
		F("choices[].roles", K_ARR, 0),
		F("choices[].roles[]", K_STR, 0, .ref = "role"),
		F("choices[].items", K_ARR, 0),
		F("choices[].items[]", K_STR, 0, .ref = "task|knowledge|skill"),
		F("choices[].next", K_STR, 0, .ref = "question"),
		SOURCE, PROVENANCE } },
	{ "resource", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "[A-Za-z0-9][A-Za-z0-9_.-]*"),
		F("kind", K_STR, REQ | NONEMPTY),
		F("name", K_TEXT, REQ),
		F("covers", K_ARR, 0),
		F("covers[]", K_STR, 0, .ref = "knowledge|skill"),
		F("tasks", K_ARR, 0),
		F("tasks[]", K_STR, 0, .ref = "task"),
		F("hours", K_NUM, 0, RANGE(0, 10000)),
		SOURCE } },
	{ "generation", NULL, {  /* the check set a management assessment uses */
		F("id", K_STR, REQ | ID | NONEMPTY),
		F("guideline", K_STR, REQ | NONEMPTY),
		F("tool", K_STR, 0),
		F("name", K_TEXT, REQ),
		F("scale", K_OBJ, REQ),
		F("scale.min", K_INT, REQ, RANGE(1, 100)),
		F("scale.max", K_INT, REQ, RANGE(1, 100)),
		F("scale.text", K_TEXT, 0),
		SOURCE, PROVENANCE } },
	{ "directive", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "D[0-9]+"),
		F("no", K_INT, REQ, RANGE(1, 99)),
		F("name", K_TEXT, REQ),
		F("checks", K_ARR, 0),
		F("checks[]", K_STR, 0, .ref = "check"),
		SOURCE } },
	{ "check", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "[0-9]+-[0-9]+"),
		F("directive", K_STR, REQ, .ref = "directive"),
		F("no", K_INT, 0, RANGE(1, 99)),
		F("text", K_TEXT, REQ),
		F("tips", K_ARR, 0),
		F("tips[]", K_STR, 0, .ref = "tip"),
		SOURCE } },
	{ "tip", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "[0-9]+-[0-9]+(-[A-Z])?"),
		F("check", K_STR, 0, .ref = "check"),
		F("directive", K_STR, 0, .ref = "directive"),
		F("parent", K_STR, 0, .ref = "tip"),
		F("title", K_TEXT, NULLOK),
		SOURCE } },
	{ "hint", NULL, {
		F("id", K_STR, REQ | ID | NONEMPTY),
		F("kind", K_STR, REQ, .oneof = "action|lead|heading|finding"),
		F("directive", K_STR, 0, .ref = "directive"),
		F("target", K_STR, 0),
		F("text", K_TEXT, REQ),
		SOURCE } },
	{ "band", NULL, {
		F("id", K_STR, REQ | ID | NONEMPTY),
		F("from", K_NUM, REQ, RANGE(1, 5)),
		F("below", K_NUM, REQ | NULLOK, RANGE(1, 6)),
		F("colour", K_STR, NULLOK),
		F("name", K_TEXT, 0),
		SOURCE } },
	{ "benchmark", NULL, {
		F("set", K_STR, REQ | NONEMPTY),
		F("version", K_STR, REQ | NONEMPTY),
		F("kind", K_STR, REQ, .oneof = "set|company|overall|class"),
		F("n", K_INT, NULLOK, RANGE(1, 1000000)),
		F("means", K_OBJ, 0),
		F("means.*", K_NUM, 0, RANGE(1, 5)),
		F("class", K_STR, 0, .oneof = "A|B|C"),
		SOURCE } },
	{ "function", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "F[0-9]{2}"),
		F("no", K_INT, REQ, RANGE(1, 99)),
		F("labels", K_ARR, 0),
		F("labels[]", K_TEXT, 0),
		F("role_text", K_ARR, 0),
		F("role_text[]", K_TEXT, 0),
		F("work", K_ARR, 0),
		F("work[]", K_TEXT, 0),
		F("nice1", K_ARR, 0),
		F("nice1[]", K_OBJ, 0),
		F("nice1[].code", K_STR, REQ, .pattern = "[0-9]+-[0-9]+"),
		F("csf", K_ARR, 0),
		F("csf[]", K_OBJ, 0),
		F("csf[].code", K_STR, REQ, .pattern = "[A-Z]{2}\\.[A-Z]{2}"),
		SOURCE } },
	{ "itss_area", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "ITSS[0-9]{2}"),
		F("no", K_INT, REQ, RANGE(1, 99)),
		F("name", K_TEXT, REQ),
		F("security_primary", K_BOOL, 0),
		SOURCE } },
	/* Where to get help (seed002 ch.5, Table 4.1, Table 2.11). */
	{ "service_type", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "SVC[0-9]+"),
		F("no", K_INT, REQ, RANGE(1, 99)),
		F("name", K_TEXT, REQ),
		F("summary", K_TEXT, REQ),
		F("subtypes", K_ARR, 0),
		F("subtypes[]", K_OBJ, 0),
		F("subtypes[].id", K_STR, REQ, .pattern = "SVC[0-9]+-[A-Z]+"),
		F("subtypes[].name", K_TEXT, REQ),
		F("subtypes[].source", K_STR, REQ | NONEMPTY),
		F("itss", K_ARR, REQ | NONEMPTY),
		F("itss[]", K_STR, 0, .ref = "itss_area"),
		F("functions", K_ARR, REQ | NONEMPTY),
		F("functions[]", K_STR, 0, .ref = "function"),
		F("checks", K_ARR, 0),
		F("checks[]", K_STR, 0, .ref = "check"),
		F("choose_from", K_TEXT, REQ),
		F("scheme", K_TEXT, 0),
		F("note", K_TEXT, 0),
		SOURCE, PROVENANCE } },
	{ "dispatch_scheme", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "DS[0-9]+"),
		F("org", K_TEXT, REQ),
		F("name", K_TEXT, REQ),
		F("summary", K_TEXT, REQ),
		F("contact_unit", K_STR, REQ | NONEMPTY),
		F("contact", K_OBJ, REQ),
		F("contact.*", K_STR, NONEMPTY),
		F("published", K_STR, REQ, .pattern = "[0-9]{4}-[0-9]{2}"),
		F("audience", K_ARR, REQ | NONEMPTY),
		F("audience[]", K_STR, 0, .oneof = "sme|support_organisation|seminar_organiser|individual"),
		F("small_org", K_BOOL, 0),
		F("url", K_STR, NONEMPTY),
		F("errata", K_ARR, 0),
		F("errata[]", K_TEXT, 0),
		F("note", K_TEXT, 0),
		SOURCE, PROVENANCE } },
	{ "maturity_tool", NULL, {
		F("id", K_STR, REQ | ID, .pattern = "MT[0-9]{2}"),
		F("no", K_INT, REQ, RANGE(1, 99)),
		F("kind", K_STR, REQ, .oneof = "tool-private|tool-public|scheme|methodology"),
		F("kind_printed", K_STR, REQ | NONEMPTY),
		F("name", K_TEXT, REQ),
		F("provider", K_TEXT, 0),
		F("summary", K_TEXT, REQ),
		F("target", K_STR, NONEMPTY),
		F("form", K_TEXT, 0),
		F("questions", K_STR, NONEMPTY),
		F("question_count", K_INT, 0, RANGE(1, 100000)),
		F("scale", K_STR, NONEMPTY),
		F("scale_levels", K_INT, 0, RANGE(2, 10)),
		F("url", K_ARR, REQ | NONEMPTY),
		F("url[]", K_STR, NONEMPTY),
		F("as_of", K_STR, REQ, .pattern = "[0-9]{4}-[0-9]{2}"),
		F("errata", K_ARR, 0),
		F("errata[]", K_TEXT, 0),
		SOURCE, PROVENANCE } },
	{ "nice_work_role", NULL, {  /* NICE names are English only */
		F("id", K_STR, REQ | ID, .pattern = "[A-Z]{2}-WRL-[0-9]{3}", .nice = "work_role"),
		F("name", K_OBJ, REQ),
		F("name.en", K_STR, REQ | NONEMPTY),
		F("tasks", K_ARR, 0),
		F("tasks[]", K_STR, 0, .nice = "task"),
		F("knowledge", K_ARR, 0),
		F("knowledge[]", K_STR, 0, .nice = "knowledge"),
		F("skills", K_ARR, 0),
		F("skills[]", K_STR, 0, .nice = "skill"),
		F("version", K_STR, 0),
		SOURCE } },
	{ "answer", answer_hook, {  /* the hook bounds "level" by the item's kind */
		F("subject", K_STR, REQ | NONEMPTY),
		F("item", K_STR, REQ, .ref = "task|knowledge|skill|check"),
		F("level", K_INT, REQ | NULLOK),  /* null: asked, not answered */
		F("target", K_INT, NULLOK),
		F("evidence", K_STR, 0),
		F("assessor", K_STR, 0),
		F("date", K_STR, 0, .pattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}") } },
	{ "profile", profile_hook, {  /* the hook wants "role" or "persona" */
		F("subject", K_STR, REQ | NONEMPTY),
		F("role", K_STRS, NULLOK, .ref = "role"),
		F("persona", K_STRS, NULLOK, .ref = "persona"),
		F("department", K_STR, 0) } },
};

const size_t nschemas = sizeof schemas / sizeof *schemas;

/* ---- hooks: rules a table row cannot say ---- */

static void
level_hook(struct rec *r, const json_t *o)
{
	const char *scale = csf_str(o, "scale");
	const json_t *v = json_object_get(o, "level");
	if (!scale || !json_is_integer(v))
		return;
	if (strcmp(scale, "role") == 0)
		schema_check_number(r, "level", v, 1, 4);
	else if (strcmp(scale, "self") == 0)
		schema_check_number(r, "level", v, 0, 4);
}

/* A TKS answer is on the 0-4 self scale; a check answer is 1-5. */
static void
answer_hook(struct rec *r, const json_t *o)
{
	const char *item = csf_str(o, "item");
	if (!item)
		return;
	int tks = schema_matches(TKS_ID, item);
	static const char *const keys[] = { "level", "target" };
	for (int i = 0; i < 2; i++) {
		const json_t *v = json_object_get(o, keys[i]);
		if (json_is_integer(v))
			schema_check_number(r, keys[i], v, tks ? 0 : 1, tks ? 4 : 5);
	}
}

static void
profile_hook(struct rec *r, const json_t *o)
{
	const json_t *role = json_object_get(o, "role"), *persona = json_object_get(o, "persona");
	if ((!role || json_is_null(role)) && (!persona || json_is_null(persona)))
		schema_problem(r, NULL, "needs \"role\" or \"persona\"");
}
