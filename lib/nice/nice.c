/* NIST NICE Framework Components loader: see nice.h.
 *
 * NIST's export is one 2-3 MB JSON document, of which we keep four strings
 * per element and two per relationship. Building it as a jansson tree cost
 * ~30 ms (one hashtable per object, one allocation per string); instead the
 * file is read into one buffer and scanned once: every byte is validated as
 * JSON (the same rules jansson applies: RFC 8259, UTF-8, no \u0000, paired
 * surrogates, bounded depth), the strings we keep are unescaped in place
 * and NUL-terminated there, and everything else is only checked. */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jsonlex.h"
#include "nice/nice.h"

/* NIST's files are 2-3 MB; refuse anything absurd before reading it all. */
#define NICE_MAX_BYTES (64UL << 20)
/* The export nests 5 deep; a little room, and a bound on recursion. */
#define NICE_MAX_DEPTH 64
/* Quirks are summarised after this many individual notes of one kind. */
#define NICE_MAX_NOTES 5

struct nice_elem {
	const char *id, *kind, *title, *text; /* point into db->buf */
	size_t out, nout;                     /* slice of db->out */
	size_t in, nin;                       /* slice of db->in */
};

/* What the scan collects from one level that holds the four keys: the
 * top (v2.0.0, v2.2.0) or response.elements (v2.1.0). */
struct level {
	int seen, has_elems, has_rels;
	struct raw_elem { char *id, *kind, *title, *text, *doc; } *elems;
	size_t nelems, celems;
	struct raw_rel { char *src, *dst; } *rels;
	size_t nrels, crels;
	const char *version, *doc_id;  /* first document with a version */
	size_t ndocs;
	size_t bad;                    /* array members without string IDs */
};

struct nice_db {
	char *buf;                /* the file, strings unescaped in place */
	json_t *index;            /* id -> integer position in elems */
	char *path;
	char version[32];
	const char *doc_id;
	struct nice_elem *elems;
	size_t nelems;
	const char **out, **in;   /* relationship targets/sources, grouped */
	struct nice_quirks quirks;
};

/* ---- reading ---- */

static char *
slurp(const char *path, const char *name, size_t *lenp)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t len = 0, cap = 1 << 16, n;
	char *buf = NULL, *nb;
	int err = 0;

	if (!fp) {
		csf_warn_at(name, 0, "%s", csf_strerror(errno));
		return NULL;
	}
	if (fp != stdin && fseek(fp, 0, SEEK_END) == 0) {
		/* One read of the whole file; the extra byte lets it see EOF. */
		long size = ftell(fp);
		if (size > 0 && (unsigned long)size <= NICE_MAX_BYTES)
			cap = (size_t)size + 2;
		rewind(fp);
	}
	if (!(buf = malloc(cap)))
		err = ENOMEM;
	while (!err) {
		size_t want = cap - 1 - len;
		n = fread(buf + len, 1, want, fp);
		len += n;
		if (len > NICE_MAX_BYTES)
			break;
		if (n < want) {
			if (ferror(fp))
				err = errno ? errno : EIO;
			break;
		}
		cap = cap * 2 > NICE_MAX_BYTES + 2 ? NICE_MAX_BYTES + 2 : cap * 2;
		if (!(nb = realloc(buf, cap)))
			err = ENOMEM;
		else
			buf = nb;
	}
	if (fp != stdin)
		fclose(fp);
	if (!err && len > NICE_MAX_BYTES) {
		csf_warn_at(name, 0, "larger than %lu MiB, not a NICE components file", NICE_MAX_BYTES >> 20);
		free(buf);
		return NULL;
	}
	if (err) {
		csf_warn_at(name, 0, "%s", csf_strerror(err));
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* ---- the scan ---- */

struct scan {
	char *buf, *p, *end;
	int depth;
	const char *err;
	const char *err_at;
	struct level lv[2];       /* [0] top, [1] response.elements */
};

static int
fail(struct scan *s, const char *msg)
{
	if (!s->err) {
		s->err = msg;
		s->err_at = s->p;
	}
	return -1;
}

static void
skip_ws(struct scan *s)
{
	s->p = (char *)jsonlex_ws((const unsigned char *)s->p, (const unsigned char *)s->end);
}

/* The string at s->p (on its opening quote), unescaped in place and
 * NUL-terminated; the result always fits where the text was. */
static char *
scan_string(struct scan *s)
{
	char *start = ++s->p;
	const unsigned char *r = (const unsigned char *)start;
	unsigned char *w = (unsigned char *)start;
	int escaped = 0;
	const char *err = jsonlex_string(&r, (const unsigned char *)s->end, &w, &escaped,
	    N_("invalid Unicode surrogate"));
	s->p = (char *)r;
	if (err) {
		fail(s, err);
		return NULL;
	}
	*w = '\0';
	s->p++;
	return start;
}

static int
scan_number(struct scan *s)
{
	const char *start = s->p;
	int is_real, has_exp;
	const unsigned char *e = jsonlex_number((const unsigned char *)start,
	    (const unsigned char *)s->end, &is_real, &has_exp);

	if (!e)
		return fail(s, "invalid number");
	s->p = (char *)e;
	/* Out-of-range numbers are errors for jansson; keep the same rule. */
	if (s->p - start > 15 || is_real) {
		/* Reals may be long (many digits) and still valid. */
		char small[400], *tmp;
		size_t n = (size_t)(s->p - start);
		int bad;
		if (!(tmp = n < sizeof small ? small : malloc(n + 1)))
			return fail(s, "out of memory");
		memcpy(tmp, start, n);
		tmp[n] = '\0';
		errno = 0;
		if (is_real) {
			/* Only overflow: jansson keeps underflow (subnormals,
			 * zero) although strtod says ERANGE. */
			double d = strtod(tmp, NULL);
			bad = errno == ERANGE && isinf(d);
		} else {
			(void)strtoll(tmp, NULL, 10);
			bad = errno == ERANGE;
		}
		if (tmp != small)
			free(tmp);
		if (bad)
			return fail(s, is_real ? N_("number out of range") : N_("integer out of range"));
	}
	return 0;
}

/* Where a value sits, which decides what the scan keeps of it. */
enum ctx { C_SKIP, C_TOP, C_RESPONSE, C_LEVEL, C_DOCS, C_ELEMS, C_RELS, C_DOC, C_ELEM, C_REL };

struct target {
	struct level *lv;
	void *rec;   /* struct raw_elem / raw_rel / a document's fields */
};

struct doc_fields { char *version, *doc_id; };

static int scan_value(struct scan *s, enum ctx ctx, struct target *t, char **str);

static int
grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 256;
	void *na = realloc(*arr, nc * size);
	if (!na)
		return -1;
	*arr = na;
	*cap = nc;
	return 0;
}

/* Drop what a level collected (its key came again). */
static void
forget(struct level *lv)
{
	free(lv->elems);
	free(lv->rels);
	memset(lv, 0, sizeof *lv);
}

/* The context of KEY's value inside an object of context CTX. */
static enum ctx
child_ctx(struct scan *s, enum ctx ctx, const char *key, struct target *t, struct target *ct)
{
	*ct = *t;
	/* A repeated key replaces what the earlier one gave, as in jansson,
	 * even when the new value is of another type. */
	switch (ctx) {
	case C_TOP:
	case C_LEVEL:
		ct->lv = &s->lv[ctx == C_LEVEL];
		if (ctx == C_TOP && !strcmp(key, "response")) {
			forget(&s->lv[1]);
			return C_RESPONSE;
		}
		if (!strcmp(key, "documents")) {
			ct->lv->ndocs = 0;
			ct->lv->version = ct->lv->doc_id = NULL;
			return C_DOCS;
		}
		if (!strcmp(key, "elements")) {
			ct->lv->has_elems = 0;
			ct->lv->nelems = 0;
			return C_ELEMS;
		}
		if (!strcmp(key, "relationships")) {
			ct->lv->has_rels = 0;
			ct->lv->nrels = 0;
			return C_RELS;
		}
		return C_SKIP;
	case C_RESPONSE:
		if (strcmp(key, "elements"))
			return C_SKIP;
		forget(&s->lv[1]);
		return C_LEVEL;
	default:
		return C_SKIP;
	}
}

/* Keep a string field of an element, relationship or document. */
static void
keep_field(enum ctx ctx, struct target *t, const char *key, char *val)
{
	if (ctx == C_ELEM) {
		struct raw_elem *e = t->rec;
		if (!strcmp(key, "element_identifier")) e->id = val;
		else if (!strcmp(key, "element_type")) e->kind = val;
		else if (!strcmp(key, "title")) e->title = val;
		else if (!strcmp(key, "text")) e->text = val;
		else if (!strcmp(key, "doc_identifier")) e->doc = val;
	} else if (ctx == C_REL) {
		struct raw_rel *r = t->rec;
		if (!strcmp(key, "source_element_identifier")) r->src = val;
		else if (!strcmp(key, "dest_element_identifier")) r->dst = val;
	} else if (ctx == C_DOC) {
		struct doc_fields *d = t->rec;
		if (!strcmp(key, "version")) d->version = val;
		else if (!strcmp(key, "doc_identifier")) d->doc_id = val;
	}
}

static int
scan_object(struct scan *s, enum ctx ctx, struct target *t)
{
	int keeps = ctx == C_ELEM || ctx == C_REL || ctx == C_DOC;

	if (++s->depth > NICE_MAX_DEPTH)
		return fail(s, "nesting too deep");
	if (ctx == C_LEVEL)
		s->lv[1].seen = 1;
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		s->depth--;
		return 0;
	}
	for (;;) {
		char *key, *val = NULL;
		struct target ct;
		enum ctx cc;

		skip_ws(s);
		if (s->p >= s->end || *s->p != '"')
			return fail(s, "expected a string key");
		if (!(key = scan_string(s)))
			return -1;
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return fail(s, "expected ':'");
		s->p++;
		cc = child_ctx(s, ctx, key, t, &ct);
		if (scan_value(s, cc, &ct, keeps ? &val : NULL))
			return -1;
		if (keeps)
			keep_field(ctx, t, key, val);
		skip_ws(s);
		if (s->p >= s->end)
			return fail(s, "unterminated object");
		if (*s->p == ',') {
			s->p++;
			continue;
		}
		if (*s->p == '}') {
			s->p++;
			s->depth--;
			return 0;
		}
		return fail(s, "expected ',' or '}'");
	}
}

/* One member of "elements", "relationships" or "documents". */
static int
scan_member(struct scan *s, enum ctx ctx, struct target *t)
{
	struct level *lv = t->lv;
	struct target mt = *t;
	struct doc_fields d = { NULL, NULL };
	int is_obj = s->p < s->end && *s->p == '{';

	if (ctx == C_ELEMS) {
		struct raw_elem e = { NULL, NULL, NULL, NULL, NULL };
		mt.rec = &e;
		if (scan_value(s, is_obj ? C_ELEM : C_SKIP, &mt, NULL))
			return -1;
		if (!e.id || !*e.id || !e.kind || !*e.kind) {
			lv->bad++;
			return 0;
		}
		if (grow((void **)&lv->elems, &lv->celems, lv->nelems, sizeof *lv->elems))
			return fail(s, "out of memory");
		lv->elems[lv->nelems++] = e;
	} else if (ctx == C_RELS) {
		struct raw_rel r = { NULL, NULL };
		mt.rec = &r;
		if (scan_value(s, is_obj ? C_REL : C_SKIP, &mt, NULL))
			return -1;
		if (!r.src || !r.dst) {
			lv->bad++;
			return 0;
		}
		if (grow((void **)&lv->rels, &lv->crels, lv->nrels, sizeof *lv->rels))
			return fail(s, "out of memory");
		lv->rels[lv->nrels++] = r;
	} else {
		mt.rec = &d;
		if (scan_value(s, is_obj ? C_DOC : C_SKIP, &mt, NULL))
			return -1;
		lv->ndocs++;
		if (!lv->version && d.version && *d.version) {
			lv->version = d.version;
			lv->doc_id = d.doc_id;
		}
	}
	return 0;
}

static int
scan_array(struct scan *s, enum ctx ctx, struct target *t)
{
	int members = ctx == C_ELEMS || ctx == C_RELS || ctx == C_DOCS;

	if (++s->depth > NICE_MAX_DEPTH)
		return fail(s, "nesting too deep");
	if (members) {
		/* A repeated key replaces the earlier value, as in jansson. */
		struct level *lv = t->lv;
		if (ctx == C_ELEMS) {
			lv->has_elems = 1;
			lv->nelems = 0;
		} else if (ctx == C_RELS) {
			lv->has_rels = 1;
			lv->nrels = 0;
		} else {
			lv->ndocs = 0;
			lv->version = lv->doc_id = NULL;
		}
	}
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		s->depth--;
		return 0;
	}
	for (;;) {
		skip_ws(s);
		if (members ? scan_member(s, ctx, t) : scan_value(s, C_SKIP, t, NULL))
			return -1;
		skip_ws(s);
		if (s->p >= s->end)
			return fail(s, "unterminated array");
		if (*s->p == ',') {
			s->p++;
			continue;
		}
		if (*s->p == ']') {
			s->p++;
			s->depth--;
			return 0;
		}
		return fail(s, "expected ',' or ']'");
	}
}

static int
scan_literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n))
		return fail(s, "invalid JSON value");
	s->p += n;
	return 0;
}

/* Scan one value; STR (if not NULL) gets it when it is a string. A value
 * of the wrong JSON type for its context is only validated. */
static int
scan_value(struct scan *s, enum ctx ctx, struct target *t, char **str)
{
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "unexpected end of file");
	switch (*s->p) {
	case '{':
		return scan_object(s, ctx == C_TOP || ctx == C_RESPONSE || ctx == C_LEVEL ||
		    ctx == C_ELEM || ctx == C_REL || ctx == C_DOC ? ctx : C_SKIP, t);
	case '[':
		return scan_array(s, ctx == C_ELEMS || ctx == C_RELS || ctx == C_DOCS ? ctx : C_SKIP, t);
	case '"': {
		char *v = scan_string(s);
		if (!v)
			return -1;
		if (str)
			*str = v;
		return 0;
	}
	case 't': return scan_literal(s, "true");
	case 'f': return scan_literal(s, "false");
	case 'n': return scan_literal(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s);
		return fail(s, "invalid JSON value");
	}
}

static long
line_of(const char *buf, const char *at)
{
	long line = 1;

	for (const char *q = buf; q < at; q++)
		line += *q == '\n';
	return line;
}

static void
free_levels(struct scan *s)
{
	for (int i = 0; i < 2; i++) {
		free(s->lv[i].elems);
		free(s->lv[i].rels);
	}
}

/* ---- building the database ---- */

/* Replace NBSP (U+00A0) by a space and strip leading/trailing white space,
 * in place. Returns the tidied string; *changed is set if it differs. */
static const char *
tidy(char *str, int *changed)
{
	char *r, *w, *e;

	*changed = 0;
	if (!str)
		return "";
	for (r = w = str; *r; ) {
		if ((unsigned char)r[0] == 0xC2 && (unsigned char)r[1] == 0xA0) {
			*w++ = ' ';
			r += 2;
			*changed = 1;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	while (*str && strchr(" \t\r\n", *str)) {
		str++;
		*changed = 1;
	}
	for (e = str + strlen(str); e > str && strchr(" \t\r\n", e[-1]); e--)
		*changed = 1;
	*e = '\0';
	return str;
}

static struct nice_elem *
find(const nice_db *db, const char *id)
{
	json_t *v;

	if (!db || !id || !(v = json_object_get(db->index, id)))
		return NULL;
	return &db->elems[json_integer_value(v)];
}

/* "SP_800_181_2_1_0" -> "2.1.0": the last three '_'-separated fields, if
 * all numeric.  Leaves OUT untouched otherwise. */
static void
version_from_doc_id(const char *id, char *out, size_t size)
{
	const char *f[4], *p;
	int k = 0;

	if (!id)
		return;
	for (p = id + strlen(id); p > id && k < 4; p--)
		if (p[-1] == '_')
			f[k++] = p;
	if (k < 3)
		return;
	/* f[2] f[1] f[0] are the starts of the last three fields */
	for (p = f[2]; *p; p++)
		if (!(*p >= '0' && *p <= '9') && *p != '_')
			return;
	if ((size_t)snprintf(out, size, "%.*s.%.*s.%s", (int)(f[1] - f[2] - 1), f[2],
	    (int)(f[0] - f[1] - 1), f[1], f[0]) >= size || f[1] - f[2] < 2 ||
	    f[0] - f[1] < 2 || !*f[0])
		out[0] = '\0';
}

static void
find_version(nice_db *db, struct level *lv, FILE *diag)
{
	const char *v = lv->version;

	db->doc_id = lv->version ? lv->doc_id : NULL;
	if (!db->doc_id && lv->nelems > 0)
		db->doc_id = lv->elems[0].doc;
	if (v) {
		size_t n = strcspn(v, "\t\r\n");
		if (n >= sizeof db->version)
			n = sizeof db->version - 1;
		memcpy(db->version, v, n);
		db->version[n] = '\0';
	} else {
		version_from_doc_id(db->doc_id, db->version, sizeof db->version);
		if (diag)
			csf_warn_at(db->path, 0, db->version[0]
			    ? N_("note: no version in \"documents\"; taken from the document identifier")
			    : N_("note: no version in \"documents\"; version unknown"));
		if (!db->version[0])
			strcpy(db->version, "unknown");
	}
	if (lv->ndocs > 1 && diag)
		csf_warn_at(db->path, 0, "note: %zu documents listed; using version %s",
		     lv->ndocs, db->version);
}

static int
load_elements(nice_db *db, struct level *lv, FILE *diag)
{
	const char *first_tidy = NULL;

	if (!(db->elems = calloc(lv->nelems + 1, sizeof *db->elems)))
		return 0;
	for (size_t i = 0; i < lv->nelems; i++) {
		struct raw_elem *e = &lv->elems[i];
		struct nice_elem *el;
		int t1, t2;

		if (json_object_get(db->index, e->id)) {
			if (db->quirks.dup_elements++ < NICE_MAX_NOTES && diag)
				csf_warn_at(db->path, 0, "note: element %s appears again; first kept",
				     e->id);
			continue;
		}
		el = &db->elems[db->nelems];
		el->id = e->id;
		el->kind = e->kind;
		el->title = tidy(e->title, &t1);
		el->text = tidy(e->text, &t2);
		db->quirks.titles += t1;
		db->quirks.texts += t2;
		if ((t1 || t2) && !first_tidy)
			first_tidy = e->id;
		if (json_object_set_new(db->index, e->id, json_integer((json_int_t)db->nelems)))
			return 0;
		db->nelems++;
	}
	if (diag && db->quirks.dup_elements > NICE_MAX_NOTES)
		csf_warn_at(db->path, 0, "note: %zu repeated element IDs in all; first of each kept",
		     db->quirks.dup_elements);
	if (diag && (db->quirks.titles || db->quirks.texts))
		csf_warn_at(db->path, 0, "note: trimmed non-breaking or stray spaces in %zu titles and %zu texts (first: %s)",
		     db->quirks.titles, db->quirks.texts, first_tidy);
	return 1;
}

/* Open-addressing set of (source, target) pairs, to drop repeated edges in O(n). */
struct pairset {
	uint64_t *slot;
	size_t mask;
};

static int
pairset_add(struct pairset *ps, size_t a, size_t b)
{
	uint64_t key = ((uint64_t)(a + 1) << 32) | (uint64_t)(b + 1);
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & ps->mask;

	while (ps->slot[h]) {
		if (ps->slot[h] == key)
			return 0;
		h = (h + 1) & ps->mask;
	}
	ps->slot[h] = key;
	return 1;
}

static int
load_relationships(nice_db *db, struct level *lv, FILE *diag)
{
	size_t n = lv->nrels, i, k, npairs = 0, cap = 16;
	size_t (*pairs)[2] = NULL;
	size_t *fill = NULL;
	struct pairset ps = { 0 };
	int ok = 0;

	while (cap < 2 * n)
		cap <<= 1;
	pairs = malloc((n + 1) * sizeof *pairs);
	ps.slot = calloc(cap, sizeof *ps.slot);
	ps.mask = cap - 1;
	if (!pairs || !ps.slot)
		goto out;

	for (i = 0; i < n; i++) {
		const char *s = lv->rels[i].src, *d = lv->rels[i].dst;
		struct nice_elem *se = find(db, s), *de = find(db, d);

		if (!se || !de) {
			if (db->quirks.dangling++ < NICE_MAX_NOTES && diag)
				csf_warn_at(db->path, 0, "note: relationship %s -> %s names a missing element %s; ignored",
				     s, d, se ? d : s);
			continue;
		}
		if (!pairset_add(&ps, (size_t)(se - db->elems), (size_t)(de - db->elems))) {
			db->quirks.dup_links++;
			continue;
		}
		pairs[npairs][0] = (size_t)(se - db->elems);
		pairs[npairs][1] = (size_t)(de - db->elems);
		se->nout++;
		de->nin++;
		npairs++;
	}
	if (diag && db->quirks.dangling > NICE_MAX_NOTES)
		csf_warn_at(db->path, 0, "note: %zu relationships name missing elements in all; ignored",
		     db->quirks.dangling);
	if (diag && db->quirks.dup_links)
		csf_warn_at(db->path, 0, "note: %zu repeated relationships; one of each kept",
		     db->quirks.dup_links);

	/* Lay the edges out grouped by element (CSR), keeping file order. */
	db->out = malloc((npairs + 1) * sizeof *db->out);
	db->in = malloc((npairs + 1) * sizeof *db->in);
	fill = calloc(2 * (db->nelems + 1), sizeof *fill);
	if (!db->out || !db->in || !fill)
		goto out;
	for (i = 0, k = 0; i < db->nelems; i++) {
		db->elems[i].out = k;
		k += db->elems[i].nout;
	}
	for (i = 0, k = 0; i < db->nelems; i++) {
		db->elems[i].in = k;
		k += db->elems[i].nin;
	}
	for (i = 0; i < npairs; i++) {
		struct nice_elem *se = &db->elems[pairs[i][0]], *de = &db->elems[pairs[i][1]];

		db->out[se->out + fill[2 * pairs[i][0]]++] = de->id;
		db->in[de->in + fill[2 * pairs[i][1] + 1]++] = se->id;
	}
	ok = 1;
out:
	free(pairs);
	free(ps.slot);
	free(fill);
	return ok;
}

nice_db *
nice_load(const char *path, FILE *diag)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct scan s;
	struct level *lv;
	size_t len;
	nice_db *db;

	if (!(db = calloc(1, sizeof *db)) || !(db->path = strdup(name)) ||
	    !(db->index = json_object())) {
		csf_warn_at(name, 0, "out of memory");
		nice_free(db);
		return NULL;
	}
	if (!(db->buf = slurp(path, name, &len))) {
		nice_free(db);
		return NULL;
	}
	memset(&s, 0, sizeof s);
	s.buf = s.p = db->buf;
	s.end = db->buf + len;
	if (len >= 3 && !memcmp(s.p, "\xEF\xBB\xBF", 3))
		s.p += 3;  /* a byte order mark some editors add */
	struct target t = { &s.lv[0], NULL };
	skip_ws(&s);
	if (s.p < s.end && *s.p != '{') {
		fail(&s, "not a JSON object");
	} else if (!scan_value(&s, C_TOP, &t, NULL)) {
		skip_ws(&s);
		if (s.p != s.end)
			fail(&s, "trailing data after the JSON document");
	}
	if (s.err) {
		csf_warn_at(name, line_of(db->buf, s.err_at), "%s", s.err);
		free_levels(&s);
		nice_free(db);
		return NULL;
	}
	/* v2.1.0 wraps the four keys in response.elements; others are flat. */
	lv = s.lv[1].seen ? &s.lv[1] : &s.lv[0];
	if (!lv->has_elems) {
		csf_warn_at(name, 0, "not a NICE components file (no \"elements\" array)");
		free_levels(&s);
		nice_free(db);
		return NULL;
	}
	if (!lv->has_rels && diag)
		csf_warn_at(name, 0, "note: no \"relationships\" array; work roles list nothing");
	db->quirks.bad_records = lv->bad;
	find_version(db, lv, diag);
	if (!load_elements(db, lv, diag) || !load_relationships(db, lv, diag)) {
		csf_warn_at(name, 0, "out of memory");
		free_levels(&s);
		nice_free(db);
		return NULL;
	}
	if (diag && db->quirks.bad_records)
		csf_warn_at(name, 0, "note: %zu records without string identifiers; skipped",
		     db->quirks.bad_records);
	if (!db->doc_id)
		db->doc_id = "";
	free_levels(&s);
	return db;
}

void
nice_free(nice_db *db)
{
	if (!db)
		return;
	json_decref(db->index);
	free(db->buf);
	free(db->elems);
	free(db->out);
	free(db->in);
	free(db->path);
	free(db);
}

const char *nice_path(const nice_db *db) { return db->path; }
const char *nice_version(const nice_db *db) { return db->version; }
const char *nice_doc_id(const nice_db *db) { return db->doc_id; }
size_t nice_count(const nice_db *db) { return db->nelems; }
const struct nice_quirks *nice_quirks(const nice_db *db) { return &db->quirks; }

const char *
nice_kind(const nice_db *db, const char *id)
{
	struct nice_elem *e = find(db, id);

	return e ? e->kind : NULL;
}

const char *
nice_title(const nice_db *db, const char *id)
{
	struct nice_elem *e = find(db, id);

	return e ? e->title : "";
}

const char *
nice_text(const nice_db *db, const char *id)
{
	struct nice_elem *e = find(db, id);

	return e ? e->text : "";
}

const char *
nice_id_at(const nice_db *db, size_t i)
{
	return i < db->nelems ? db->elems[i].id : NULL;
}

size_t
nice_count_kind(const nice_db *db, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < db->nelems; i++)
		n += strcmp(db->elems[i].kind, kind) == 0;
	return n;
}

const char *const *
nice_links(const nice_db *db, const char *id, size_t *n)
{
	struct nice_elem *e = find(db, id);

	*n = e ? e->nout : 0;
	return *n ? db->out + e->out : NULL;
}

const char *const *
nice_parents(const nice_db *db, const char *id, size_t *n)
{
	struct nice_elem *e = find(db, id);

	*n = e ? e->nin : 0;
	return *n ? db->in + e->in : NULL;
}

const char *
nice_parent_kind(const nice_db *db, const char *id, const char *kind)
{
	size_t i, n;
	const char *const *p = nice_parents(db, id, &n);

	for (i = 0; i < n; i++)
		if (strcmp(nice_kind(db, p[i]), kind) == 0)
			return p[i];
	return NULL;
}

size_t
nice_links_kind(const nice_db *db, const char *id, const char *kind)
{
	size_t i, n, k = 0;
	const char *const *p = nice_links(db, id, &n);

	for (i = 0; i < n; i++)
		k += strcmp(nice_kind(db, p[i]), kind) == 0;
	return k;
}
