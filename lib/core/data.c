/* data.c - find the data directory and load share/csf lazily: a tool that
 * asks for roles reads roles.ndjson once and nothing else. Records are
 * indexed by type and id in hash tables, and decoded only when asked for. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"
#include "core/dataindex.h"
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
	int canonical;         /* and csf_emit writes its tree as the line (index) */
	char *id;              /* as read when indexed; NULL if none */
	const char *roles;     /* the raw "roles" value, for the TKS index */
	size_t roles_len;
	const char *nice;      /* the raw "nice" value, for the crosswalk's */
	size_t nice_len;
	int lists_read;        /* roles and nice found in an indexed line (raw_lists) */
	const struct csf_dix_mem *mem;   /* its members, from the file's index */
	uint32_t nmem;
	const char *pool;      /* the index's strings, where mem's keys are */
};

struct typed {             /* the records of one type, in file order */
	struct datum **d;
	size_t n, cap;
	json_t *all;           /* csf_data_all's array, built on first use */
	int ids_indexed;       /* its ids are in the ids map (csf_data_find) */
	char name[64];
};

struct file {              /* one loaded data file */
	char *path, *bytes;
	struct datum *d;
	size_t n;
	csf_dix ix;            /* its index, when it had a fresh one (ix.map) */
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
add_id(struct datum *d, const char *type)
{
	char key[320];
	size_t tl = strlen(type), il = strlen(d->id);   /* type < 64, id < 200 bytes */
	memcpy(key, type, tl);
	key[tl] = '\037';
	memcpy(key + tl + 1, d->id, il + 1);
	*strmap_slot(ids, key, NULL) = d;   /* the last of a repeated id, as before */
}

/* The last type indexed and the last asked for: a file's records come in
 * runs of one type, and a model reads one type's records in a row. */
static struct typed *last_indexed, *last_asked;

static void
index_record(struct datum *d, const char *type)
{
	struct typed *t = last_indexed;
	if (!t || strcmp(t->name, type) != 0) {
		int created;
		void **slot = strmap_slot(types, type, &created);
		if (created) {
			*slot = xcalloc(1, sizeof(struct typed));
			snprintf(((struct typed *)*slot)->name, sizeof t->name, "%s", type);
		}
		t = last_indexed = *slot;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->d = xrealloc(t->d, t->cap * sizeof *t->d);
	}
	t->d[t->n++] = d;
	if (d->id && t->ids_indexed)
		add_id(d, type);
}

/* The whole file, NUL-terminated; NULL if it cannot be opened. Read
 * into a block of its size at once: through stdio, in 4 KB pieces into a
 * growing block, the copies were a tenth of a tool's start. */
static char *
read_whole(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	size_t cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 64 * 1024, n = 0;
	char *bytes = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap)   /* it grew, or is no regular file */
			bytes = xrealloc(bytes, cap *= 2);
		ssize_t got = read(fd, bytes + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			close(fd);
			csf_die(1, "%s: read error", path);
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	bytes[n] = '\0';
	*len = n;
	return bytes;
}

/* Cut the line at *p off in place: NUL-terminated, without a first
 * line's BOM, CR or LF. *p moves to the next line. */
static char *
cut_line(char **p, char *end, long line, size_t *len)
{
	char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s)), *stop = nl ? nl : end;
	*stop = '\0';
	if (line == 1 && stop - s >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	char *e = stop;
	if (e > s && e[-1] == '\r')
		*--e = '\0';
	*p = stop + 1;
	*len = (size_t)(e - s);
	return s;
}

static int
blank(const char *text, size_t len)
{
	return len == strspn(text, " \t");
}

/* What the indexes need from a line's text, in one pass: its type and
 * id, and for the TKS model's role index and NICE's, roles and nice.
 * -1 when it is no object or has no "type" string. */
static int
line_keys(const char *text, size_t len, char type[64], char id[200], csf_field *roles, csf_field *nice)
{
	csf_field want[4] = { { "type", NULL, 0 }, { "id", NULL, 0 }, { "roles", NULL, 0 }, { "nice", NULL, 0 } };
	if (csf_data_fields(text, len, want, 4) < 0 || csf_field_str(&want[0], type, 64) <= 0)
		return -1;
	if (csf_field_str(&want[1], id, 200) <= 0)
		id[0] = '\0';
	*roles = want[2];
	*nice = want[3];
	return 0;
}

/* Index a line from its text. */
static void
scan_line(struct datum *d)
{
	char type[64], id[200];
	csf_field roles, nice;
	if (line_keys(d->text, d->len, type, id, &roles, &nice) < 0) {
		char t[8];
		const char *why = csf_scan_json(d->text, d->len, t, sizeof t);
		if (why)
			bad_data(d, strcmp(why, "invalid UTF-8") ? "invalid JSON: %s" : "%s", why);
		bad_data(d, "record has no \"type\"%s", "");
	}
	d->roles = roles.val;
	d->roles_len = roles.len;
	d->nice = nice.val;
	d->nice_len = nice.len;
	if (id[0])
		d->id = xstrdup(id);
	index_record(d, type);
}

/* A member of an indexed line; NULL if it has none of that name (the
 * last copy of a key counts, as in csf_data_fields). */
static const struct csf_dix_mem *
member(const struct datum *d, const char *name, size_t nlen)
{
	for (uint32_t k = d->nmem; k-- > 0; )
		if (d->mem[k].klen == nlen && memcmp(d->pool + d->mem[k].key, name, nlen) == 0)
			return &d->mem[k];
	return NULL;
}

static void
member_field(const struct datum *d, csf_field *f)
{
	const struct csf_dix_mem *m = member(d, f->name, strlen(f->name));
	f->val = m ? d->text + m->val : NULL;
	f->len = m ? m->vlen : 0;
}

/* From the file's index: what scan_line would read, without the scan. */
static void
load_indexed(struct file *f)
{
	const csf_dix *x = &f->ix;
	f->d = xcalloc(x->nrec ? x->nrec : 1, sizeof *f->d);
	for (uint32_t i = 0; i < x->nrec; i++) {
		const struct csf_dix_rec *r = &x->rec[i];
		struct datum *d = &f->d[f->n++];
		d->text = f->bytes + r->off;
		d->text[r->len] = '\0';
		d->len = r->len;
		d->file = f->path;
		d->line = r->line;
		if (r->nmem == CSF_DIX_NONE) {
			scan_line(d);   /* its errors, as without an index */
			continue;
		}
		d->valid = r->flags & CSF_DIX_VALID;
		d->canonical = d->valid && (r->flags & CSF_DIX_CANONICAL);
		d->id = r->id == CSF_DIX_NONE ? NULL : (char *)x->pool + r->id;
		d->mem = x->mem + r->mem;
		d->nmem = r->nmem;
		d->pool = x->pool;
		index_record(d, x->pool + r->type);   /* roles and nice: raw_lists */
	}
}

/* NAME.idx beside NAME.ndjson. */
static char *
index_path(const char *path)
{
	size_t n = strlen(path);
	if (n > 7 && strcmp(path + n - 7, ".ndjson") == 0)
		n -= 7;
	return csf_fmt("%.*s.idx", (int)n, path);
}

/* Read the whole file, cut it into lines and index each by type and id:
 * from its index when it has a fresh one, else from its text. */
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
	size_t len;
	char *bytes = read_whole(path, &len);
	if (!bytes)
		return;  /* absent data reads as no records; csf-check reports it */
	struct file *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	f->bytes = bytes;
	f->next = files;
	files = f;
	*slot = f;
	char *ixpath = index_path(path);
	int fresh = csf_dix_open(&f->ix, ixpath, bytes, len);
	free(ixpath);
	if (fresh) {
		load_indexed(f);
		return;
	}
	size_t lines = 1;
	for (const char *p = bytes; (p = memchr(p, '\n', (size_t)(bytes + len - p))); p++)
		lines++;
	f->d = xcalloc(lines, sizeof *f->d);
	char *p = bytes, *end = bytes + len;
	for (long line = 1; p < end; line++) {
		struct datum *d = &f->d[f->n];
		d->text = cut_line(&p, end, line, &d->len);
		d->file = f->path;
		d->line = line;
		if (blank(d->text, d->len))
			continue;
		f->n++;
		scan_line(d);
	}
}

/* A growing array for the index writer. */
#define GROW(a, n, cap) do { if ((n) == (cap)) { (cap) = (cap) ? (cap) * 2 : 256; \
	(a) = xrealloc((a), (cap) * sizeof *(a)); } } while (0)

struct pool {
	char *s;
	uint32_t n, cap;
	strmap *seen;   /* string -> offset + 1 */
};

static uint32_t
pool_add(struct pool *p, const char *s, size_t len)
{
	char buf[256];
	memcpy(buf, s, len);
	buf[len] = '\0';
	int created;
	void **slot = strmap_slot(p->seen, buf, &created);
	if (!created)
		return (uint32_t)((uintptr_t)*slot - 1);
	while (p->n + len + 1 > p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->s = xrealloc(p->s, p->cap);
	}
	uint32_t at = p->n;
	memcpy(p->s + at, buf, len + 1);
	p->n += (uint32_t)len + 1;
	*slot = (void *)(uintptr_t)(at + 1);
	return at;
}

/* Does csf_emit write the line's tree as the line itself? */
static int
emits_as_is(const char *text, size_t len)
{
	json_t *tree = csf_build_json(text, len);
	char *dump = json_dumps(tree, CSF_EMIT_FLAGS);
	int same = dump && strlen(dump) == len && memcmp(dump, text, len) == 0;
	free(dump);
	json_decref(tree);
	return same;
}

static int
short_keys(const csf_members *m)
{
	for (int k = 0; k < m->n; k++)
		if (m->m[k].klen >= 256)
			return 0;
	return 1;
}

int
csf_data_write_index(const char *path, const char *out)
{
	size_t len;
	char *bytes = read_whole(path, &len);
	if (!bytes)
		return -1;
	if (len >= UINT32_MAX) {   /* its offsets are 32 bits */
		free(bytes);
		errno = EFBIG;
		return -1;
	}
	uint64_t hash = csf_dix_hash(bytes, len);
	struct csf_dix_rec *rec = NULL;
	struct csf_dix_mem *mem = NULL;
	uint32_t nrec = 0, caprec = 0, nmem = 0, capmem = 0;
	struct pool pool = { NULL, 0, 0, strmap_new() };
	csf_members *m = xmalloc(sizeof *m);
	char *p = bytes, *end = bytes + len;
	for (long line = 1; p < end; line++) {
		size_t n;
		char *text = cut_line(&p, end, line, &n);
		if (blank(text, n))
			continue;
		GROW(rec, nrec, caprec);
		struct csf_dix_rec *r = &rec[nrec++];
		*r = (struct csf_dix_rec){ (uint32_t)(text - bytes), (uint32_t)n, (uint32_t)line, 0,
		                           CSF_DIX_NONE, 0, CSF_DIX_NONE, 0 };
		char type[64], id[200];
		csf_field roles, nice;
		/* A line the loader would stop at, or whose keys need unescaping,
		 * is left to the loader's scan. */
		if (csf_scan_index(text, n, NULL, 0, m) || m->n < 0 || !short_keys(m)
		    || line_keys(text, n, type, id, &roles, &nice) < 0)
			continue;
		r->flags = CSF_DIX_VALID | (emits_as_is(text, n) ? CSF_DIX_CANONICAL : 0);
		r->type = pool_add(&pool, type, strlen(type));
		if (id[0])
			r->id = pool_add(&pool, id, strlen(id));
		r->mem = nmem;
		for (int k = 0; k < m->n; k++) {
			GROW(mem, nmem, capmem);
			mem[nmem++] = (struct csf_dix_mem){ pool_add(&pool, m->m[k].key, m->m[k].klen), (uint32_t)m->m[k].klen,
			                                    (uint32_t)(m->m[k].val - text), (uint32_t)m->m[k].vlen };
		}
		r->nmem = (uint32_t)m->n;
	}
	if (!pool.n)
		pool_add(&pool, "", 0);
	int rc = csf_dix_write(out, len, hash, rec, nrec, mem, nmem, pool.s, pool.n);
	free(m);
	free(rec);
	free(mem);
	free(pool.s);
	strmap_free(pool.seen);
	free(bytes);
	return rc;
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
	if (last_asked && strcmp(last_asked->name, type) == 0)
		return last_asked;   /* its file was loaded when it was first asked for */
	load_for_type(type);
	struct typed *t = types ? strmap_get(types, type) : NULL;
	if (t)
		last_asked = t;
	return t;
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
csf_data_line(const char *type, size_t i, size_t *len)
{
	const struct datum *d = typed(type)->d[i];
	*len = d->len;
	return d->canonical ? d->text : NULL;
}

const char *
csf_data_id(const char *type, size_t i)
{
	return typed(type)->d[i]->id;
}

/* Its raw roles and nice: a scanned line's were read with its type and
 * id; an indexed line's are looked up when first asked for, as most
 * records' never are. */
static const struct datum *
raw_lists(struct datum *d)
{
	if (d->mem && !d->lists_read) {
		csf_field roles = { "roles", NULL, 0 }, nice = { "nice", NULL, 0 };
		member_field(d, &roles);
		member_field(d, &nice);
		d->roles = roles.val;
		d->roles_len = roles.len;
		d->nice = nice.val;
		d->nice_len = nice.len;
		d->lists_read = 1;
	}
	return d;
}

void
csf_data_roles(const char *type, size_t i, csf_field *roles)
{
	const struct datum *d = raw_lists(typed(type)->d[i]);
	roles->val = d->roles;
	roles->len = d->roles_len;
}

void
csf_data_nice(const char *type, size_t i, csf_field *nice)
{
	const struct datum *d = raw_lists(typed(type)->d[i]);
	nice->val = d->nice;
	nice->len = d->nice_len;
}

char *
csf_data_lang(const char *type, size_t i, const char *key)
{
	struct datum *d = typed(type)->d[i];
	validate(d);
	csf_field f = { key, NULL, 0 };
	csf_data_record_fields(type, i, &f, 1);
	return csf_field_text(&f);
}

json_t *
csf_data_at(const char *type, size_t i)
{
	return tree(typed(type)->d[i]);
}

/* The datum of type with id (the last of a repeated id), NULL if none. */
static struct datum *
find_datum(const char *type, const char *id)
{
	if (!id)
		return NULL;
	struct typed *t = typed(type);
	if (!t)
		return NULL;
	if (!t->ids_indexed) {   /* on the first look-up: most tools never look one up */
		t->ids_indexed = 1;
		for (size_t i = 0; i < t->n; i++)
			if (t->d[i]->id)
				add_id(t->d[i], type);
	}
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
	return strmap_get(ids, key);
}

json_t *
csf_data_find(const char *type, const char *id)
{
	struct datum *d = find_datum(type, id);
	return d ? tree(d) : NULL;
}

char *
csf_data_find_text(const char *type, const char *id, const char *key)
{
	struct datum *d = find_datum(type, id);
	if (!d)
		return NULL;
	validate(d);
	csf_field f = { key, NULL, 0 };
	if (d->mem)
		member_field(d, &f);
	else if (csf_data_fields(d->text, d->len, &f, 1) < 0)
		f.val = NULL;
	return csf_field_text(&f);
}

int
csf_data_record_fields(const char *type, size_t i, csf_field *want, int n)
{
	const struct datum *d = typed(type)->d[i];
	if (!d->mem)
		return csf_data_fields(d->text, d->len, want, n);
	for (int k = 0; k < n && k < 16; k++)
		member_field(d, &want[k]);
	return 0;
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

char *
csf_field_text(const csf_field *f)
{
	char *buf = xmalloc(f->len + 1);   /* unescaping never lengthens */
	buf[0] = '\0';
	if (!f->val)
		return buf;
	if (f->val[0] == '"') {
		if (csf_field_str(f, buf, f->len + 1) < 0)
			buf[0] = '\0';
		return buf;
	}
	csf_field lang[2] = { { csf_opt.lang, NULL, 0 }, { strcmp(csf_opt.lang, "ja") ? "ja" : "en", NULL, 0 } };
	if (f->val[0] != '{' || csf_data_fields(f->val, f->len, lang, 2) < 0)
		return buf;
	for (int l = 0; l < 2; l++)
		if (lang[l].val && csf_field_str(&lang[l], buf, f->len + 1) > 0)
			return buf;
	buf[0] = '\0';
	return buf;
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
			if (!f->d[i].mem)
				free(f->d[i].id);   /* else the index's */
		}
		csf_dix_close(&f->ix);
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
	last_indexed = last_asked = NULL;
}
