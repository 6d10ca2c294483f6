/* data.c - find the data directory and load share/csf lazily: a tool that
 * asks for roles reads roles.ndjson once and nothing else. Records are
 * indexed by type and id in hash tables, and decoded only when asked for. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"
#include "core/fields.h"
#include "core/strmap.h"

#ifndef CSF_DATADIR
#define CSF_DATADIR "/usr/local/share/csf"
#endif

/* Which file holds which record type. */
static const struct { const char *type, *file; } type_files[] = {
	{ "role", "roles.ndjson" },
	{ "task", "tks.ndjson" },
	{ "knowledge", "tks.ndjson" },
	{ "skill", "tks.ndjson" },
	{ "level", "levels.ndjson" },
	{ "persona", "personas.ndjson" },
	{ "question", "personas.ndjson" },
	{ "resource", "resources.ndjson" },
	{ "qualification", "resources.ndjson" },
	{ "generation", "mgmt.ndjson" },
	{ "directive", "mgmt.ndjson" },
	{ "check", "mgmt.ndjson" },
	{ "tip", "mgmt.ndjson" },
	{ "hint", "mgmt.ndjson" },
	{ "band", "mgmt.ndjson" },
	{ "size_band", "mgmt.ndjson" },
	{ "benchmark", "benchmark.ndjson" },
	{ "function", "crosswalk.ndjson" },
	{ "itss_area", "crosswalk.ndjson" },
	{ "nice_work_role", "crosswalk.ndjson" },
	{ "org_step", "org.ndjson" },
	{ "governance_task", "org.ndjson" },
	{ "governance_placement", "org.ndjson" },
	{ "governance_type", "org.ndjson" },
	{ "org_unit_example", "org.ndjson" },
	{ "itss_task", "org.ndjson" },
	{ "performer", "org.ndjson" },
	{ "function_org", "org.ndjson" },
	{ "org_caution", "org.ndjson" },
	{ "acquisition", "org.ndjson" },
	{ "plus_security_example", "org.ndjson" },
	{ "xsirt", "org.ndjson" },
	{ "org_practice", "org.ndjson" },
	{ "org_rule", "org.ndjson" },
	{ "org_action", "org.ndjson" },
	{ "service_type", "services.ndjson" },
	{ "dispatch_scheme", "services.ndjson" },
	{ "maturity_tool", "services.ndjson" },
};

static char datadir[PATH_MAX + 32];
static char *looked;      /* where csf_datadir looked, for the message */

/* A record as read: its line, and its tree once someone asks for it.
 * Start-up reads only the fields it needs from the text (ids, roles);
 * building every record's tree cost ten times more than the rest of a
 * tool's start. A line is validated when its tree is built; csf-check
 * validates every line. */
struct datum {
	char *text;
	size_t len;
	const char *file;
	long line;
	json_t *tree;
	int valid;             /* its line passed csf_scan_json */
	char *id;              /* as read when indexed; NULL if none */
	const char *roles;     /* the raw "roles" value, for the TKS index */
	size_t roles_len;
	const char *nice;      /* the raw "nice" value, for the crosswalk's */
	size_t nice_len;
};

struct typed {             /* the records of one type, in file order */
	struct datum **d;
	size_t n, cap;
	json_t *all;           /* csf_data_all's array, built on first use */
};

struct file {              /* one loaded data file */
	char *path, *bytes;
	struct datum *d;
	size_t n;
	struct file *next;
};

static strmap *loaded;     /* file name -> struct file (NULL if absent) */
static strmap *types;      /* type -> struct typed */
static strmap *ids;        /* "type\037id" -> struct datum */
static struct file *files;
static json_t *empty;

static void load_for_type(const char *type);

static int
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
csf_datadir(void)
{
	if (datadir[0])
		return datadir;
	const char *d = csf_opt.datadir;
	const char *from = "--data";
	if (!d || !*d) {
		d = getenv("CSF_DATADIR");
		from = "CSF_DATADIR";
	}
	if (d && *d) {
		snprintf(datadir, sizeof datadir, "%s", d);
		looked = csf_fmt("%s, from %s", d, from);
		return datadir;
	}
	/* bin/../share/csf: the source tree, and any PREFIX install. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(datadir, sizeof datadir, "%s/../share/csf", exe);
			if (is_dir(datadir))
				return datadir;
			looked = csf_fmt("%s, ", datadir);
		}
	}
	char *before = looked;
	looked = csf_fmt("%s%s", before ? before : "", CSF_DATADIR);
	free(before);
	snprintf(datadir, sizeof datadir, "%s", CSF_DATADIR);
	return datadir;
}

/* A directory with at least one readable .ndjson file. One data file
 * may be missing (csf-check reports that); no data at all is a setup
 * mistake, named once, before any tool draws conclusions from nothing. */
static int
has_data(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int found = 0;
	char path[PATH_MAX + 64];
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 7 && strcmp(e->d_name + n - 7, ".ndjson") == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			found = access(path, R_OK) == 0;
		}
	}
	closedir(d);
	return found;
}

void
csf_data_require(void)
{
	static int checked;
	if (checked)
		return;
	checked = 1;
	const char *dir = csf_datadir();
	if (has_data(dir))
		return;
	csf_warn("%s: no csf reference data (looked in %s)", dir, looked ? looked : dir);
	exit(2);
}

static _Noreturn void
bad_data(const struct datum *d, const char *what, const char *detail)
{
	csf_warn_at(d->file, d->line, what, detail);
	exit(1);   /* reference data is never half-loaded, whatever --keep-going says */
}

static void
index_record(struct datum *d, const char *type, const char *id)
{
	int created;
	void **slot = strmap_slot(types, type, &created);
	if (created)
		*slot = xcalloc(1, sizeof(struct typed));
	struct typed *t = *slot;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->d = xrealloc(t->d, t->cap * sizeof *t->d);
	}
	t->d[t->n++] = d;
	if (id) {
		char key[320];
		size_t tl = strlen(type), il = strlen(id);   /* type < 64, id < 200 bytes */
		memcpy(key, type, tl);
		key[tl] = '\037';
		memcpy(key + tl + 1, id, il + 1);
		*strmap_slot(ids, key, NULL) = d;   /* the last of a repeated id, as before */
	}
}

/* Read the whole file, cut it into lines and index each by type and id. */
static void
load_file(const char *name)
{
	if (!loaded) {
		loaded = strmap_new();
		types = strmap_new();
		ids = strmap_new();
	}
	int created;
	void **slot = strmap_slot(loaded, name, &created);
	if (!created)
		return;
	csf_data_require();
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", csf_datadir(), name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return;  /* absent data reads as no records; csf-check reports it */
	struct file *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	size_t len = 0, cap = 0, got;
	do {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 64 * 1024;
			f->bytes = xrealloc(f->bytes, cap);
		}
		got = fread(f->bytes + len, 1, cap - 1 - len, fp);
		len += got;
	} while (got > 0);
	int err = ferror(fp);
	fclose(fp);
	if (err)
		csf_die(1, "%s: read error", path);
	f->bytes[len] = '\0';
	size_t lines = 1;
	for (const char *p = f->bytes; (p = memchr(p, '\n', (size_t)(f->bytes + len - p))); p++)
		lines++;
	f->d = xcalloc(lines, sizeof *f->d);
	f->next = files;
	files = f;
	*slot = f;

	char *p = f->bytes, *end = f->bytes + len;
	for (long line = 1; p < end; line++) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *stop = nl ? nl : end;
		struct datum *d = &f->d[f->n];
		*stop = '\0';
		if (line == 1 && stop - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
			p += 3;
		char *e = stop;
		if (e > p && e[-1] == '\r')
			*--e = '\0';
		d->text = p;
		d->len = (size_t)(e - p);
		d->file = f->path;
		d->line = line;
		p = stop + 1;
		if (d->len == strspn(d->text, " \t"))
			continue;   /* blank */
		f->n++;
		/* One pass for what the indexes need: type, id and, for the
		 * TKS model's role index and NICE's, roles and nice. */
		csf_field want[4] = { { "type", NULL, 0 }, { "id", NULL, 0 }, { "roles", NULL, 0 }, { "nice", NULL, 0 } };
		char type[64], id[200];
		if (csf_data_fields(d->text, d->len, want, 4) < 0 || csf_field_str(&want[0], type, sizeof type) <= 0) {
			char t[8];
			const char *why = csf_scan_json(d->text, d->len, t, sizeof t);
			if (why)
				bad_data(d, strcmp(why, "invalid UTF-8") ? "invalid JSON: %s" : "%s", why);
			bad_data(d, "record has no \"type\"%s", "");
		}
		d->roles = want[2].val;
		d->roles_len = want[2].len;
		d->nice = want[3].val;
		d->nice_len = want[3].len;
		if (csf_field_str(&want[1], id, sizeof id) > 0)
			d->id = xstrdup(id);
		index_record(d, type, d->id);
	}
}

static void
validate(struct datum *d)
{
	if (d->valid)
		return;
	char t[8];
	const char *why = csf_scan_json(d->text, d->len, t, sizeof t);
	if (why)
		bad_data(d, strcmp(why, "invalid UTF-8") ? "invalid JSON: %s" : "%s", why);
	d->valid = 1;
}

/* The record's tree, built (and its line validated) on first use. */
static json_t *
tree(struct datum *d)
{
	if (!d->tree) {
		validate(d);
		d->tree = csf_build_json(d->text, d->len);
	}
	return d->tree;
}

static struct typed *
typed(const char *type)
{
	load_for_type(type);
	return types ? strmap_get(types, type) : NULL;
}

static void
load_for_type(const char *type)
{
	for (size_t i = 0; i < sizeof type_files / sizeof *type_files; i++)
		if (strcmp(type_files[i].type, type) == 0) {
			load_file(type_files[i].file);
			return;
		}
	/* A type we do not know the home of: read every data file, once. */
	static int all_loaded;
	if (all_loaded)
		return;
	all_loaded = 1;
	csf_data_require();
	DIR *d = opendir(csf_datadir());
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 7 && strcmp(e->d_name + n - 7, ".ndjson") == 0)
			load_file(e->d_name);
	}
	closedir(d);
}

json_t *
csf_data_all(const char *type)
{
	struct typed *t = typed(type);
	if (!t) {
		if (!empty)
			empty = json_array();
		return empty;
	}
	if (!t->all) {
		t->all = json_array();
		for (size_t i = 0; i < t->n; i++)
			json_array_append(t->all, tree(t->d[i]));
	}
	return t->all;
}

size_t
csf_data_count(const char *type)
{
	struct typed *t = typed(type);
	return t ? t->n : 0;
}

const char *
csf_data_text(const char *type, size_t i, size_t *len)
{
	struct typed *t = typed(type);
	*len = t->d[i]->len;
	return t->d[i]->text;
}

const char *
csf_data_valid_text(const char *type, size_t i, size_t *len)
{
	struct datum *d = typed(type)->d[i];
	validate(d);
	*len = d->len;
	return d->text;
}

const char *
csf_data_id(const char *type, size_t i)
{
	return typed(type)->d[i]->id;
}

void
csf_data_roles(const char *type, size_t i, csf_field *roles)
{
	const struct datum *d = typed(type)->d[i];
	roles->val = d->roles;
	roles->len = d->roles_len;
}

void
csf_data_nice(const char *type, size_t i, csf_field *nice)
{
	const struct datum *d = typed(type)->d[i];
	nice->val = d->nice;
	nice->len = d->nice_len;
}

json_t *
csf_data_at(const char *type, size_t i)
{
	return tree(typed(type)->d[i]);
}

json_t *
csf_data_find(const char *type, const char *id)
{
	if (!id)
		return NULL;
	load_for_type(type);
	if (!ids)
		return NULL;
	/* "type\037id", as snprintf would cut it, without printf: the
	 * report looks up an item for every row it draws. */
	char key[256];
	size_t n = strlen(type), m = strlen(id);
	n = n < sizeof key - 1 ? n : sizeof key - 1;
	memcpy(key, type, n);
	if (n < sizeof key - 1)
		key[n++] = '\037';
	m = m < sizeof key - 1 - n ? m : sizeof key - 1 - n;
	memcpy(key + n, id, m);
	key[n + m] = '\0';
	struct datum *d = strmap_get(ids, key);
	return d ? tree(d) : NULL;
}

json_t *
csf_data_item(const char *id)
{
	if (!id)
		return NULL;
	switch (id[0]) {
	case 'T': return csf_data_find("task", id);
	case 'K': return csf_data_find("knowledge", id);
	case 'S': return csf_data_find("skill", id);
	}
	return NULL;
}

const char *
csf_text(const json_t *langobj)
{
	if (json_is_string(langobj))
		return json_string_value(langobj);
	const char *s = csf_str(langobj, csf_opt.lang);
	if (!s || !*s)
		s = csf_str(langobj, strcmp(csf_opt.lang, "ja") ? "ja" : "en");
	return s ? s : "";
}

void
csf_data_free(void)
{
	if (types) {
		size_t n = strmap_count(types);
		struct typed **t = xmalloc((n ? n : 1) * sizeof *t);
		strmap_list(types, NULL, (void **)t);
		for (size_t i = 0; i < n; i++) {
			json_decref(t[i]->all);
			free(t[i]->d);
			free(t[i]);
		}
		free(t);
	}
	while (files) {
		struct file *f = files;
		files = f->next;
		for (size_t i = 0; i < f->n; i++) {
			json_decref(f->d[i].tree);
			free(f->d[i].id);
		}
		free(f->d);
		free(f->bytes);
		free(f->path);
		free(f);
	}
	strmap_free(loaded);
	strmap_free(types);
	strmap_free(ids);
	json_decref(empty);
	loaded = types = ids = NULL;
	empty = NULL;
}
