/* data.c - find the data directory and load share/csf lazily: a tool that
 * asks for roles reads roles.ndjson once and nothing else. Records are
 * indexed by type and id in hash tables. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"

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
	{ "generation", "mgmt.ndjson" },
	{ "directive", "mgmt.ndjson" },
	{ "check", "mgmt.ndjson" },
	{ "tip", "mgmt.ndjson" },
	{ "hint", "mgmt.ndjson" },
	{ "band", "mgmt.ndjson" },
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
static json_t *loaded;    /* file name -> true */
static json_t *by_type;   /* type -> [records] */
static json_t *by_id;     /* "type\037id" -> record */
static json_t *empty;

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
	if (!d || !*d)
		d = getenv("CSF_DATADIR");
	if (d && *d) {
		snprintf(datadir, sizeof datadir, "%s", d);
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
		}
	}
	snprintf(datadir, sizeof datadir, "%s", CSF_DATADIR);
	return datadir;
}

static void
index_record(json_t *rec, const char *type)
{
	json_t *list = json_object_get(by_type, type);
	if (!list) {
		list = json_array();
		json_object_set_new(by_type, type, list);
	}
	json_array_append(list, rec);
	const char *id = csf_str(rec, "id");
	if (id) {
		char key[256];
		snprintf(key, sizeof key, "%s\037%s", type, id);
		json_object_set(by_id, key, rec);
	}
}

static void
load_file(const char *name)
{
	if (!loaded) {
		loaded = json_object();
		by_type = json_object();
		by_id = json_object();
	}
	if (json_object_get(loaded, name))
		return;
	json_object_set_new(loaded, name, json_true());
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", csf_datadir(), name);
	if (access(path, R_OK) != 0)
		return;  /* absent data reads as no records; csf-check reports it */
	/* Reference data is never half-loaded, whatever --keep-going says. */
	int keep = csf_opt.keep_going;
	csf_opt.keep_going = 0;
	char *files[] = { path };
	csf_input *in = csf_input_open(1, files);
	csf_line ln;
	while (csf_input_next(in, &ln)) {
		if (!ln.type[0])
			csf_input_bad(in, &ln, "record has no \"type\"");
		json_t *rec = csf_line_parse(&ln);
		index_record(rec, ln.type);
		json_decref(rec);
	}
	csf_input_close(in);
	csf_opt.keep_going = keep;
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
	load_for_type(type);
	json_t *list = json_object_get(by_type, type);
	if (list)
		return list;
	if (!empty)
		empty = json_array();
	return empty;
}

json_t *
csf_data_find(const char *type, const char *id)
{
	if (!id)
		return NULL;
	load_for_type(type);
	char key[256];
	snprintf(key, sizeof key, "%s\037%s", type, id);
	return json_object_get(by_id, key);
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
	json_decref(loaded);
	json_decref(by_type);
	json_decref(by_id);
	json_decref(empty);
	loaded = by_type = by_id = empty = NULL;
}
