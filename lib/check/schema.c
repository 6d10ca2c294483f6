/* schema.c - one table says what every csf record type must look like;
 * the checker walks records against it. To change a type, edit its one
 * entry in `schemas` below (and, rarely, its hook). */
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "check/schema.h"

enum kind { K_ANY, K_STR, K_INT, K_NUM, K_BOOL, K_ARR, K_OBJ,
            K_TEXT,    /* an object with "ja" and "en" strings */
            K_STRS };  /* a string or an array of strings */

enum {
	REQ = 1,       /* must be present */
	NONEMPTY = 2,  /* string or array must not be empty */
	NULLOK = 4,    /* null is allowed in place of the kind */
	ID = 8,        /* the record's ID: unique within its type */
};

/* A path names what a rule applies to: "name", "crosswalk.secbok",
 * "items[]" (each element), "items[].mode", "means.*" (each member). */
struct field {
	const char *path;
	enum kind kind;
	unsigned flags;
	const char *pattern;  /* extended regex the whole string must match */
	const char *oneof;    /* allowed strings, "own|support|outsource" */
	const char *ref;      /* the string is an ID of one of these types */
	const char *nice;     /* the string is a NICE ID of this element kind */
	const char *defines;  /* the string is an ID of this (nested) type */
	int ranged;
	double min, max;
};
#define F(p, k, fl, ...) { .path = (p), .kind = (k), .flags = (fl), __VA_ARGS__ }
#define RANGE(a, b) .ranged = 1, .min = (a), .max = (b)
#define SOURCE F("source", K_STR, REQ | NONEMPTY)
/* Which fields of a sourced record are our own words or reading. */
#define PROVENANCE F("authored", K_ARR, 0), F("authored[]", K_STR, NONEMPTY), \
	F("inferred", K_ARR, 0), F("inferred[]", K_STR, NONEMPTY)
#define TKS_ID "[TKS][0-9]{3}"
/* Tasks, knowledge and skills share one shape; the ID letter and the NICE
 * element type their "nice" IDs name differ. */
#define TKS_SCHEMA(type, letter) { type, NULL, { \
	F("id", K_STR, REQ | ID, .pattern = letter "[0-9]{3}"), \
	F("roles", K_ARR, REQ | NONEMPTY), \
	F("roles[]", K_STR, 0, .ref = "role"), \
	F("text", K_TEXT, REQ), \
	F("nice", K_ARR, 0), \
	F("nice[]", K_STR, 0, .nice = type), \
	F("variants", K_ARR, 0), \
	F("variants[]", K_OBJ, 0), \
	F("variants[].ja", K_STR, REQ | NONEMPTY), \
	F("variants[].source", K_STR, REQ | NONEMPTY), \
	SOURCE, PROVENANCE } }

struct rec;
#define MAX_FIELDS 24
struct schema {
	const char *type;
	void (*hook)(struct rec *r, const json_t *o);  /* rules a table row cannot say */
	struct field f[MAX_FIELDS];
};

static void level_hook(struct rec *, const json_t *);
static void answer_hook(struct rec *, const json_t *);
static void profile_hook(struct rec *, const json_t *);

static const struct schema schemas[] = {
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
	{ "size_band", NULL, {  /* company size cohorts by employees */
		F("id", K_STR, REQ | ID | NONEMPTY),
		F("from", K_INT, REQ, RANGE(1, 10000000)),
		F("below", K_INT, REQ | NULLOK, RANGE(1, 10000000)),
		F("name", K_TEXT, 0),
		SOURCE, PROVENANCE } },
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
		F("evidence", K_STR, NULLOK),  /* null: a blank of a template */
		F("assessor", K_STR, NULLOK),
		F("date", K_STR, NULLOK, .pattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}"),
		F("generation", K_STR, 0, .ref = "generation") } },
	{ "profile", profile_hook, {  /* the hook wants "role" or "persona" */
		F("subject", K_STR, REQ | NONEMPTY),
		F("role", K_STRS, NULLOK, .ref = "role"),
		F("persona", K_STRS, NULLOK, .ref = "persona"),
		F("department", K_STR, 0),
		/* the management model's cohorts and group */
		F("industry", K_STR, NULLOK),
		F("manufacturing", K_BOOL, NULLOK),
		F("employees", K_INT, NULLOK, RANGE(1, 10000000)),
		F("size", K_STR, NULLOK),
		F("parent", K_STR, NULLOK) } },
};

#define NSCHEMAS (sizeof schemas / sizeof *schemas)

/* ---- the checker ---- */

struct loc { const char *file; long line; };

/* A reference not resolved when its record was read. */
struct pending {
	const char *file;
	long line;
	const char *types;   /* "task|knowledge|skill" */
	char *where;         /* "persona c: items[2].item" NUL id */
};

struct csf_checker {
	json_t *ids;         /* "type\037id" -> index into locs */
	json_t *types_seen;  /* type -> true */
	struct loc *locs;
	size_t nlocs, caplocs;
	struct pending *pend;
	size_t npend, cappend;
	const nice_db *nice;
	long problems;
};

/* One record being checked. */
struct rec {
	csf_checker *ck;
	const char *file;
	long line;
	const char *type;
	char label[80];      /* "role R03" */
};

static void
problem(struct rec *r, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = csf_vfmt(csf_tr(fmt), ap);
	va_end(ap);
	if (path && *path)
		csf_warn_at(r->file, r->line, "%s: %s: %s", r->label, path, msg);
	else
		csf_warn_at(r->file, r->line, "%s: %s", r->label, msg);
	free(msg);
	r->ck->problems++;
}

/* A value from the input, fit for one line of a message: JSON-quoted
 * (so control characters cannot break the line) and cut short. */
static const char *
quoted(const char *s, char *buf, size_t size)
{
	json_t *j = json_string(s);
	char *q = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
	json_decref(j);
	snprintf(buf, size, "%s", q ? q : "\"?\"");
	size_t n = strlen(buf);
	if (q && strlen(q) >= size && size > 8) {
		/* Cut on a character boundary and mark the cut. */
		n = size - 5;
		while (n > 1 && ((unsigned char)buf[n] & 0xc0) == 0x80)
			n--;
		memcpy(buf + n, "...\"", 5);
	}
	free(q);
	return buf;
}

static const char *
kind_name(enum kind k)
{
	switch (k) {
	case K_STR: return csf_tr("a string");
	case K_INT: return csf_tr("an integer");
	case K_NUM: return csf_tr("a number");
	case K_BOOL: return csf_tr("true or false");
	case K_ARR: return csf_tr("an array");
	case K_OBJ: return csf_tr("an object");
	case K_TEXT: return csf_tr("an object with \"ja\" and \"en\"");
	case K_STRS: return csf_tr("a string or an array of strings");
	case K_ANY: break;
	}
	return csf_tr("anything");
}

static const char *
json_kind_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING: return csf_tr("a string");
	case JSON_INTEGER: return csf_tr("an integer");
	case JSON_REAL: return csf_tr("a real number");
	case JSON_TRUE: case JSON_FALSE: return csf_tr("a boolean");
	case JSON_ARRAY: return csf_tr("an array");
	case JSON_OBJECT: return csf_tr("an object");
	case JSON_NULL: break;
	}
	return csf_tr("null");
}

static int
kind_ok(enum kind k, const json_t *v)
{
	switch (k) {
	case K_ANY: return 1;
	case K_STR: return json_is_string(v);
	case K_INT: return json_is_integer(v);
	case K_NUM: return json_is_number(v);
	case K_BOOL: return json_is_boolean(v);
	case K_ARR: return json_is_array(v);
	case K_OBJ: case K_TEXT: return json_is_object(v);
	case K_STRS: return json_is_string(v) || json_is_array(v);
	}
	return 0;
}

/* Compiled patterns, keyed by the table's string (a handful in all). */
static struct { const char *src; regex_t re; } regex_cache[32];
static size_t nregex;

static int
matches(const char *pattern, const char *s)
{
	size_t i;
	for (i = 0; i < nregex; i++)
		if (regex_cache[i].src == pattern)
			break;
	if (i == nregex) {
		if (nregex == sizeof regex_cache / sizeof *regex_cache)
			csf_die(1, "schema: too many patterns");
		char anchored[256];
		snprintf(anchored, sizeof anchored, "^(%s)$", pattern);
		if (regcomp(&regex_cache[i].re, anchored, REG_EXTENDED | REG_NOSUB) != 0)
			csf_die(1, "schema: bad pattern %s", pattern);
		regex_cache[i].src = pattern;
		nregex++;
	}
	return regexec(&regex_cache[i].re, s, 0, NULL, 0) == 0;
}

static int
in_oneof(const char *list, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = list; ; ) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !memcmp(p, s, n))
			return 1;
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

/* "a|b|c" as "a, b or c" for messages. */
static const char *
spell_list(const char *list, const char *last_sep, char *buf, size_t size)
{
	size_t o = 0;
	const char *last_bar = strrchr(list, '|');
	for (const char *p = list; *p && o + 8 < size; p++) {
		if (*p != '|') {
			buf[o++] = *p;
			continue;
		}
		const char *sep = p == last_bar ? last_sep : ", ";
		size_t n = strlen(sep);
		if (o + n + 1 >= size)
			break;
		memcpy(buf + o, sep, n);
		o += n;
	}
	buf[o] = '\0';
	return buf;
}

/* "type\037id", cut to size: the index key of an ID. */
static void
make_key(char *key, size_t size, const char *type, const char *id)
{
	size_t t = strlen(type), i = strlen(id);
	if (t > size - 2)
		t = size - 2;
	if (i > size - 2 - t)
		i = size - 2 - t;
	memcpy(key, type, t);
	key[t] = '\037';
	memcpy(key + t + 1, id, i);
	key[t + 1 + i] = '\0';
}

/* Register an ID; report it if its type already has it. */
static void
define_id(struct rec *r, const char *path, const char *type, const char *id)
{
	csf_checker *ck = r->ck;
	char key[512];
	make_key(key, sizeof key, type, id);
	json_t *old = json_object_get(ck->ids, key);
	if (old) {
		struct loc *l = &ck->locs[json_integer_value(old)];
		char q[128];
		if (strcmp(type, r->type) == 0)
			problem(r, path, "duplicate id %s (first at %s:%ld)", quoted(id, q, sizeof q), l->file, l->line);
		else
			problem(r, path, "duplicate %s id %s (first at %s:%ld)", type, quoted(id, q, sizeof q), l->file, l->line);
		return;
	}
	if (ck->nlocs == ck->caplocs) {
		ck->caplocs = ck->caplocs ? ck->caplocs * 2 : 256;
		ck->locs = xrealloc(ck->locs, ck->caplocs * sizeof *ck->locs);
	}
	ck->locs[ck->nlocs] = (struct loc){ r->file, r->line };
	json_object_set_new(ck->ids, key, json_integer((json_int_t)ck->nlocs++));
}

/* Is id a record of one of types among those read so far? */
static int
seen_id(csf_checker *ck, const char *types, const char *id)
{
	char key[512], type[CSF_TYPE_MAX];
	for (const char *p = types; ; ) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len < sizeof type) {
			memcpy(type, p, len);
			type[len] = '\0';
			make_key(key, sizeof key, type, id);
			if (json_object_get(ck->ids, key))
				return 1;
		}
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

static void
reference(struct rec *r, const char *path, const char *types, const char *id)
{
	csf_checker *ck = r->ck;
	if (seen_id(ck, types, id))
		return;
	/* Maybe defined further on: decide at the end. */
	if (ck->npend == ck->cappend) {
		ck->cappend = ck->cappend ? ck->cappend * 2 : 256;
		ck->pend = xrealloc(ck->pend, ck->cappend * sizeof *ck->pend);
	}
	size_t nl = strlen(r->label), np = strlen(path), ni = strlen(id);
	char *where = xmalloc(nl + 2 + np + 1 + ni + 1);
	memcpy(where, r->label, nl);
	memcpy(where + nl, ": ", 2);
	memcpy(where + nl + 2, path, np + 1);
	memcpy(where + nl + 2 + np + 1, id, ni + 1);
	ck->pend[ck->npend++] = (struct pending){ r->file, r->line, types, where };
}

/* Every NICE ID is checked here and only here. */
static void
check_nice(struct rec *r, const char *path, const char *want, const char *id)
{
	const nice_db *db = r->ck->nice;
	if (!db)
		return;
	char q[128];
	const char *kind = nice_kind(db, id);
	if (!kind)
		problem(r, path, "%s is not in NICE %s", quoted(id, q, sizeof q), nice_version(db));
	else if (strcmp(kind, want) != 0)
		problem(r, path, "%s is a NICE %s, expected a %s", quoted(id, q, sizeof q), kind, want);
}

static void
check_number(struct rec *r, const char *path, const json_t *v, double min, double max)
{
	double x = json_number_value(v);
	if (x >= min && x <= max)
		return;
	char num[64];
	if (json_is_integer(v))
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
	else
		snprintf(num, sizeof num, "%.15g", x);
	problem(r, path, "%s is out of range %g..%g", num, min, max);
}

/* The rules on a string value: pattern, allowed values, IDs, references. */
static void
check_string(struct rec *r, const struct field *f, const char *path, const char *s)
{
	char q[128], list[256];
	if (!*s && (f->flags & NONEMPTY)) {
		problem(r, path, "empty");
		return;
	}
	if (f->pattern && !matches(f->pattern, s)) {
		problem(r, path, "%s does not match %s", quoted(s, q, sizeof q), f->pattern);
		return;
	}
	if (f->oneof && !in_oneof(f->oneof, s)) {
		problem(r, path, "%s is not %s", quoted(s, q, sizeof q), spell_list(f->oneof, csf_tr(" or "), list, sizeof list));
		return;
	}
	if (f->flags & ID)
		define_id(r, path, r->type, s);
	if (f->defines)
		define_id(r, path, f->defines, s);
	if (f->ref)
		reference(r, path, f->ref, s);
	if (f->nice)
		check_nice(r, path, f->nice, s);
}

static void
check_value(struct rec *r, const struct field *f, const char *path, const json_t *v)
{
	if (json_is_null(v) && (f->flags & NULLOK))
		return;
	if (!kind_ok(f->kind, v)) {
		problem(r, path, "expected %s, got %s", kind_name(f->kind), json_kind_name(v));
		return;
	}
	if (f->kind == K_TEXT) {
		static const char *const langs[] = { "ja", "en" };
		for (int i = 0; i < 2; i++) {
			char sub[520];
			snprintf(sub, sizeof sub, "%s.%s", path, langs[i]);
			const json_t *s = json_object_get(v, langs[i]);
			if (!s)
				problem(r, sub, "missing");
			else if (!json_is_string(s))
				problem(r, sub, "expected a string, got %s", json_kind_name(s));
		}
		return;
	}
	if (json_is_string(v)) {
		check_string(r, f, path, json_string_value(v));
	} else if (f->kind == K_STRS) {
		size_t plen = strlen(path);
		for (size_t i = 0; i < json_array_size(v); i++) {
			char sub[540];
			snprintf(sub, sizeof sub, "%.*s[%zu]", (int)plen, path, i);
			const json_t *e = json_array_get(v, i);
			if (json_is_string(e))
				check_string(r, f, sub, json_string_value(e));
			else
				problem(r, sub, "expected a string, got %s", json_kind_name(e));
		}
	} else if (json_is_number(v)) {
		if (f->ranged)
			check_number(r, path, v, f->min, f->max);
	} else if (json_is_array(v)) {
		if (json_array_size(v) == 0 && (f->flags & NONEMPTY))
			problem(r, path, "empty");
	}
}

/* Add ".key" to a message path of 512 bytes; control characters in a
 * user's key would break the message line, so they become '?'. */
static size_t
append_key(char *path, size_t len, const char *key)
{
	if (len && len < 511)
		path[len++] = '.';
	for (; *key && len < 511; key++)
		path[len++] = (unsigned char)*key < 0x20 || *key == 0x7f ? '?' : *key;
	path[len] = '\0';
	return len;
}

/* Follow f->path from `rest` through node; path holds the concrete path
 * walked so far ("items[2]"), for messages. */
static void
walk(struct rec *r, const struct field *f, const json_t *node, const char *rest, char *path, size_t plen)
{
	if (!json_is_object(node))
		return;  /* the rule for the parent reports its kind */
	size_t n = strcspn(rest, ".[");
	const char *next = rest + n;
	int each = next[0] == '[' && next[1] == ']';
	const char *after = each ? next + 2 : next;  /* "" or ".more" */

	/* The members to visit: one named key, or all of them for "*". */
	const char *key;
	json_t *v;
	int star = n == 1 && rest[0] == '*';
	void *iter = star ? json_object_iter((json_t *)node) : NULL;
	for (;;) {
		char name[128];
		if (star) {
			if (!iter)
				return;
			key = json_object_iter_key(iter);
			v = json_object_iter_value(iter);
			iter = json_object_iter_next((json_t *)node, iter);
		} else {
			size_t len = n < sizeof name ? n : sizeof name - 1;
			memcpy(name, rest, len);
			name[len] = '\0';
			key = name;
			v = json_object_get(node, key);
		}
		size_t len = append_key(path, plen, key);
		if (!v) {
			if (!*after && !each && (f->flags & REQ))
				problem(r, path, "missing");
		} else if (each) {
			if (json_is_array(v)) {
				for (size_t i = 0; i < json_array_size(v); i++) {
					size_t l2 = len + (size_t)snprintf(path + len, 512 - len, "[%zu]", i);
					if (l2 >= 512)
						l2 = 511;
					json_t *e = json_array_get(v, i);
					if (*after)
						walk(r, f, e, after + 1, path, l2);
					else
						check_value(r, f, path, e);
				}
			}
		} else if (*after) {
			walk(r, f, v, after + 1, path, len);
		} else {
			check_value(r, f, path, v);
		}
		path[plen] = '\0';
		if (!star)
			return;
	}
}

static const struct schema *
schema_for(const char *type)
{
	for (size_t i = 0; i < NSCHEMAS; i++)
		if (strcmp(schemas[i].type, type) == 0)
			return &schemas[i];
	return NULL;
}

int
csf_schema_known(const char *type)
{
	return schema_for(type) != NULL;
}

/* ---- hooks ---- */

static void
level_hook(struct rec *r, const json_t *o)
{
	const char *scale = csf_str(o, "scale");
	const json_t *v = json_object_get(o, "level");
	if (!scale || !json_is_integer(v))
		return;
	if (strcmp(scale, "role") == 0)
		check_number(r, "level", v, 1, 4);
	else if (strcmp(scale, "self") == 0)
		check_number(r, "level", v, 0, 4);
}

/* A TKS answer is on the 0-4 self scale; a check answer is 1-5. */
static void
answer_hook(struct rec *r, const json_t *o)
{
	const char *item = csf_str(o, "item");
	if (!item)
		return;
	int tks = matches(TKS_ID, item);
	static const char *const keys[] = { "level", "target" };
	for (int i = 0; i < 2; i++) {
		const json_t *v = json_object_get(o, keys[i]);
		if (json_is_integer(v))
			check_number(r, keys[i], v, tks ? 0 : 1, tks ? 4 : 5);
	}
}

static void
profile_hook(struct rec *r, const json_t *o)
{
	const json_t *role = json_object_get(o, "role"), *persona = json_object_get(o, "persona");
	/* A company's profile for the management model names its cohorts instead. */
	static const char *const mgmt[] = { "industry", "manufacturing", "employees", "size", "parent" };
	for (size_t i = 0; i < sizeof mgmt / sizeof *mgmt; i++)
		if (json_object_get(o, mgmt[i]))
			return;
	if ((!role || json_is_null(role)) && (!persona || json_is_null(persona)))
		problem(r, NULL, "needs \"role\" or \"persona\"");
}

/* ---- the checker's interface ---- */

csf_checker *
csf_checker_new(void)
{
	csf_checker *ck = xcalloc(1, sizeof *ck);
	ck->ids = json_object();
	ck->types_seen = json_object();
	return ck;
}

void
csf_checker_set_nice(csf_checker *ck, const nice_db *db)
{
	ck->nice = db;
}

/* The record's name in messages: its type, and its ID when it has a
 * printable one. */
static void
make_label(struct rec *r, const json_t *o)
{
	const char *id = csf_str(o, "id");
	size_t n = (size_t)snprintf(r->label, sizeof r->label, "%s", r->type);
	if (!id || !*id || n + 2 >= sizeof r->label)
		return;
	r->label[n++] = ' ';
	for (const char *p = id; *p && n + 1 < sizeof r->label; p++)
		r->label[n++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
	/* Never end inside a UTF-8 sequence. */
	while (n > 0 && ((unsigned char)r->label[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0 && ((unsigned char)r->label[n - 1] & 0xc0) == 0xc0)
		n--;
	r->label[n] = '\0';
}

void
csf_checker_record(csf_checker *ck, const char *file, long line, const json_t *o)
{
	struct rec r = { ck, file, line, NULL, "" };
	const json_t *type = json_object_get(o, "type");
	if (!json_is_string(type)) {
		csf_warn_at(file, line, type ? N_("\"type\" is not a string") : N_("record has no \"type\""));
		ck->problems++;
		return;
	}
	r.type = json_string_value(type);
	if (!json_object_get(ck->types_seen, r.type))
		json_object_set_new(ck->types_seen, r.type, json_true());
	const struct schema *s = schema_for(r.type);
	if (!s)
		return;  /* the user's own type: anything goes */
	make_label(&r, o);
	char path[512];
	for (const struct field *f = s->f; f < s->f + MAX_FIELDS && f->path; f++) {
		path[0] = '\0';
		walk(&r, f, o, f->path, path, 0);
	}
	if (s->hook)
		s->hook(&r, o);
}

/* Does a reference resolve? Types the input holds are looked up there;
 * the others in the data directory (so answers resolve against share/csf). */
static int
resolves(csf_checker *ck, const char *types, const char *id)
{
	char type[CSF_TYPE_MAX];
	for (const char *p = types; ; ) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len < sizeof type) {
			memcpy(type, p, len);
			type[len] = '\0';
			if (json_object_get(ck->types_seen, type)) {
				char key[512];
				make_key(key, sizeof key, type, id);
				if (json_object_get(ck->ids, key))
					return 1;
			} else if (csf_data_find(type, id)) {
				return 1;
			}
		}
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

long
csf_checker_finish(csf_checker *ck)
{
	for (size_t i = 0; i < ck->npend; i++) {
		struct pending *p = &ck->pend[i];
		const char *id = p->where + strlen(p->where) + 1;
		if (resolves(ck, p->types, id))
			continue;
		char q[128], list[128];
		csf_warn_at(p->file, p->line, "%s: unknown %s %s", p->where,
		    spell_list(p->types, csf_tr(" or "), list, sizeof list), quoted(id, q, sizeof q));
		ck->problems++;
	}
	for (size_t i = 0; i < ck->npend; i++)
		free(ck->pend[i].where);
	ck->npend = 0;
	return ck->problems;
}

void
csf_checker_free(csf_checker *ck)
{
	if (!ck)
		return;
	for (size_t i = 0; i < ck->npend; i++)
		free(ck->pend[i].where);
	free(ck->pend);
	free(ck->locs);
	json_decref(ck->ids);
	json_decref(ck->types_seen);
	free(ck);
}
