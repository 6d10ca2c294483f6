/* nice_scan.c - NIST's NICE export read into one buffer and scanned once:
 * every byte is validated as JSON (the rules jansson applies: RFC 8259,
 * UTF-8, no \u0000, paired surrogates, bounded depth); the strings the
 * loader keeps are unescaped in place and NUL-terminated there, and
 * everything else is only checked. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jsonlex.h"
#include "nice/nice_scan.h"

/* NIST's files are 2-3 MB; refuse anything absurd before reading it all. */
#define NICE_MAX_BYTES (64UL << 20)
/* The export nests 5 deep; a little room, and a bound on recursion. */
#define NICE_MAX_DEPTH 64

char *
nice_slurp(const char *path, const char *name, size_t *lenp)
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

void
nice_levels_free(struct level lv[2])
{
	for (int i = 0; i < 2; i++) {
		free(lv[i].elems);
		free(lv[i].rels);
	}
}

const char *
nice_scan(char *buf, size_t len, struct level lv[2], long *line)
{
	struct scan s;

	memset(&s, 0, sizeof s);
	s.buf = s.p = buf;
	s.end = buf + len;
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
	memcpy(lv, s.lv, sizeof s.lv);
	if (s.err) {
		*line = line_of(buf, s.err_at);
		nice_levels_free(lv);
		memset(lv, 0, sizeof s.lv);
	}
	return s.err;
}
