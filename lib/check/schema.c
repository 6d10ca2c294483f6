/* schema.c - the checker: walks records against the table of record
 * shapes (schema_table.c), resolves references between records and to
 * NICE, and reports each problem with file:line. */
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/schema_impl.h"
#include "core/records.h"

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
	else if (!in_oneof(want, kind)) {
		char list[128];
		problem(r, path, "%s is a NICE %s, expected a %s", quoted(id, q, sizeof q), kind,
		    spell_list(want, csf_tr(" or "), list, sizeof list));
	}
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
	for (size_t i = 0; i < nschemas; i++)
		if (strcmp(schemas[i].type, type) == 0)
			return &schemas[i];
	return NULL;
}

int
csf_schema_known(const char *type)
{
	return schema_for(type) != NULL;
}

/* ---- hooks: rules a table row cannot say ---- */

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

/* A TKS answer is on the 0-4 self scale; a check answer on the scale of
 * the data directory's generation, as csf-assess reads it (a data
 * directory without one gives no bound; its check IDs resolve to nothing). */
static void
answer_hook(struct rec *r, const json_t *o)
{
	const char *item = csf_str(o, "item");
	if (!item)
		return;
	int tks = matches(TKS_ID, item), min = CSF_TKS_LEVEL_MIN, max = CSF_TKS_LEVEL_MAX;
	static const char *const keys[] = { "level", "target" };
	for (int i = 0; i < 2; i++) {
		const json_t *v = json_object_get(o, keys[i]);
		if (!json_is_integer(v))
			continue;
		if (!tks && !csf_check_scale(&min, &max))
			continue;
		check_number(r, keys[i], v, min, max);
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

/* A --partial shard's group is a --role group, a --by group (with its
 * value unless the records lacked the field; "last" for a --by subject
 * group held to the end) or the whole input. */
static void
coverage_partial_hook(struct rec *r, const json_t *o)
{
	const char *by = csf_str(o, "by");
	const json_t *last = json_object_get(o, "last");
	if (by && json_object_get(o, "role"))
		problem(r, NULL, "\"by\" and \"role\" exclude each other");
	if (!by && json_object_get(o, "value"))
		problem(r, "value", "goes with \"by\"");
	if (last && !(json_is_true(last) && by && !strcmp(by, "subject")))
		problem(r, "last", "is true or absent, and goes with by \"subject\"");
}

static const struct {
	const char *type;
	void (*hook)(struct rec *r, const json_t *o);
} hooks[] = {
	{ "level", level_hook },
	{ "answer", answer_hook },
	{ "profile", profile_hook },
	{ "nice_coverage_partial", coverage_partial_hook },
};

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
	for (size_t i = 0; i < sizeof hooks / sizeof *hooks; i++)
		if (!strcmp(hooks[i].type, s->type))
			hooks[i].hook(&r, o);
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
