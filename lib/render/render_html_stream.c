/* render_html_stream.c - the HTML report read twice (render.h).
 *
 * The summary, the contents and the organisation come before the people
 * and sum them all up, so the document cannot be written as records
 * arrive. Rather than keep the people's sections (or a copy of the input)
 * until the end, the first pass keeps what the top of the document needs:
 * the summary's figures, each person's place, name, profile and heat-map
 * figures, and the records no person section shows (result sheets, group
 * figures, anything else). The second pass reads the records again and
 * draws each person straight to the output, one person's records in
 * memory at a time. People come out in the held report's order: by the
 * type of their first record, then by where they started; a second type
 * order means another sweep through the input, usually none.
 *
 * When a person's records come back after the next person started (input
 * not grouped by subject), or a subject has both a result sheet and a
 * person section, the report is built from the second pass the way the
 * held report is: right for any order, at the memory of the whole input. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "render/render_html.h"

/* A person whose records have passed: where the held report puts them;
 * the rest (subject, name, profile, heat-map figures) waits in the spill,
 * so that memory does not grow with the people. */
struct streamed {
	size_t rank, seq;   /* type of the first record, and its number: the held report's order */
	off_t at;           /* their entry in the spill */
};

/* The person being read. */
struct reading {
	char *subject;
	json_t *profile;    /* the person's first profile */
	int has_profile;
	struct csf_heat_src heat;
	int has_counts;     /* the last gap summary's counts, for the summary */
	long items, at_target;
};

/* A spill entry read back: pointers into the buffer it was read into. */
struct spilled {
	const char *subject, *name, *profile_text;   /* name, profile_text: NULL if none */
	struct csf_heat_src heat;                    /* ids and department borrowed */
	size_t room;
};

struct csf_html_stream {
	int fallback;
	size_t count;
	csf_doc *held;             /* groups made in first-seen type order */
	/* Subjects with a person section, and those of them whose section
	 * ended without a profile: hashes (16 bytes a person; two subjects of
	 * one hash only cost the fallback). */
	hashset *people, *unprofiled;
	struct streamed *done;     /* people in input order */
	size_t ndone, cap;
	struct reading cur;        /* the last of done, while active */
	int active;
	FILE *spill;               /* the people's entries (NULL: could not be made) */
	off_t spilled;             /* its size */
	csf_buf entry;             /* one being written or read */
	char *text[3];             /* strings read off the line (subject, kind, others) */
	size_t room[3];
	struct raw {               /* the subject's and the kind's bytes on the last line */
		char *text;
		size_t len, room;
		int decoded;
	} raw[2];
	json_t *pending;           /* subject -> its first profile, before its person */
	json_t *kartes;            /* subjects of result-sheet records */
	struct csf_overview ov;    /* the summary, gathered as people pass */
	char last_type[CSF_TYPE_MAX];   /* the type of the last record, and its group's rank */
	size_t last_rank;
	int has_last;
};

csf_html_stream *
csf_html_stream_new(void)
{
	csf_html_stream *s = xcalloc(1, sizeof *s);
	s->held = csf_doc_new();
	csf_overview_init(&s->ov);
	s->people = hashset_new();
	s->unprofiled = hashset_new();
	s->spill = tmpfile();
	if (!s->spill)
		s->fallback = 1;   /* no room on disk: the held report */
	s->pending = json_object();
	s->kartes = json_object();
	return s;
}

/* The spill: each person's entry is its size, flags, the subject, name,
 * profile and department with their NULs, the heat-map figures' count,
 * then each figure: flags, coverage, role or persona ID. */
enum { HAS_NAME = 1, HAS_PROFILE = 2, HAS_DEPT = 4, IS_ROLE = 1, HAS_ID = 2 };

static void
put_str(csf_buf *b, const char *text)
{
	csf_buf_put(b, text, strlen(text) + 1);
}

/* The current person ends: what the top of the document needs of them. */
static void
person_end(csf_html_stream *s)
{
	if (!s->active)
		return;
	struct reading *p = &s->cur;
	csf_overview_people(&s->ov, p->profile, p->has_counts, p->items, p->at_target);
	const char *name = p->profile ? csf_str(p->profile, "name") : NULL;
	if (name && !*name)
		name = NULL;   /* the subject shows */
	const char *dept = p->profile ? csf_str(p->profile, "department") : NULL;
	char *text = p->profile ? json_dumps(p->profile, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)) : NULL;
	csf_buf *b = &s->entry;
	b->n = 0;
	csf_buf_put(b, "\0\0\0\0\0\0\0\0", sizeof (size_t));   /* the size, below */
	csf_buf_putc(b, (char)((name ? HAS_NAME : 0) | (text ? HAS_PROFILE : 0) | (dept ? HAS_DEPT : 0)));
	put_str(b, p->subject);
	if (name)
		put_str(b, name);
	if (text)
		put_str(b, text);
	if (dept)
		put_str(b, dept);
	uint32_t n = (uint32_t)p->heat.n;
	csf_buf_put(b, (const char *)&n, sizeof n);
	for (size_t i = 0; i < p->heat.n; i++) {
		const struct csf_heat_entry *e = &p->heat.e[i];
		csf_buf_putc(b, (char)((e->is_role ? IS_ROLE : 0) | (e->id ? HAS_ID : 0)));
		csf_buf_put(b, (const char *)&e->cov, sizeof e->cov);
		if (e->id)
			put_str(b, e->id);
	}
	size_t size = b->n - sizeof size;
	memcpy(b->p, &size, sizeof size);
	s->done[s->ndone - 1].at = s->spilled;
	s->spilled += (off_t)b->n;
	if (fwrite(b->p, 1, b->n, s->spill) != b->n)
		s->fallback = 1;   /* the disk is full: the held report */
	if (!p->has_profile)
		hashset_add(s->unprofiled, csf_hash(p->subject));
	free(text);
	free(p->subject);
	json_decref(p->profile);
	csf_heat_src_free(&p->heat, 1);
	memset(p, 0, sizeof *p);
	s->active = 0;
}

/* Person entry at back into b; *pos: where the spill is read next (a
 * seek only when the entries are not read in the order they came). */
static int
spill_read(FILE *spill, off_t *pos, off_t at, csf_buf *b, struct spilled *out)
{
	size_t size;
	if ((at != *pos && fseeko(spill, at, SEEK_SET)) || fread(&size, sizeof size, 1, spill) != 1)
		return 0;
	*pos = at + (off_t)(sizeof size + size);
	b->n = 0;
	csf_buf_grow(b, size + 1);
	if (fread(b->p, 1, size, spill) != size)
		return 0;
	const char *q = b->p;
	int flags = (unsigned char)*q++;
	out->subject = q;
	q += strlen(q) + 1;
	out->name = out->profile_text = out->heat.dept = NULL;
	if (flags & HAS_NAME)
		out->name = q, q += strlen(q) + 1;
	if (flags & HAS_PROFILE)
		out->profile_text = q, q += strlen(q) + 1;
	if (flags & HAS_DEPT)
		out->heat.dept = (char *)q, q += strlen(q) + 1;
	uint32_t n;
	memcpy(&n, q, sizeof n);
	q += sizeof n;
	if (n > out->room) {
		out->room = n;
		out->heat.e = xrealloc(out->heat.e, n * sizeof *out->heat.e);
	}
	out->heat.n = n;
	for (uint32_t i = 0; i < n; i++) {
		struct csf_heat_entry *e = &out->heat.e[i];
		int f = (unsigned char)*q++;
		e->is_role = (f & IS_ROLE) != 0;
		memcpy(&e->cov, q, sizeof e->cov);
		q += sizeof e->cov;
		e->id = NULL;
		if (f & HAS_ID)
			e->id = (char *)q, q += strlen(q) + 1;
	}
	return 1;
}

static void
person_start(csf_html_stream *s, const char *subject, size_t rank)
{
	if (s->ndone == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->done = xrealloc(s->done, s->cap * sizeof *s->done);
	}
	s->done[s->ndone++] = (struct streamed){ rank, s->count, 0 };
	hashset_add(s->people, csf_hash(subject));
	struct reading *p = &s->cur;
	p->subject = xstrdup(subject);
	s->active = 1;
	/* A profile that came first is the person's: no longer held. */
	json_t *prof = json_object_get(s->pending, p->subject);
	if (prof) {
		p->profile = json_incref(prof);
		p->has_profile = 1;
		json_t *arr = csf_doc_group(s->held, "profile")->records;
		for (size_t i = json_array_size(arr); i-- > 0; )
			if (json_array_get(arr, i) == prof) {
				json_array_remove(arr, i);
				break;
			}
		json_object_del(s->pending, p->subject);
	}
}

/* Stop streaming: the report will be built from the second pass. */
static void
fall_back(csf_html_stream *s)
{
	s->fallback = 1;
	s->active = 0;
}

/* A string field unescaped into buffer k (NULL if it is not a string). */
static const char *
field_text(csf_html_stream *s, int k, const csf_field *f)
{
	if (!f->val || f->val[0] != '"')
		return NULL;
	if (s->room[k] < f->len + 1) {
		s->room[k] = f->len + 64;
		s->text[k] = xrealloc(s->text[k], s->room[k]);
	}
	return csf_field_str(f, s->text[k], s->room[k]) < 0 ? NULL : s->text[k];
}

/* The same for the subject and the kind (buffers 0 and 1), which repeat
 * from record to record: the same bytes as last time are not decoded
 * again. */
static const char *
field_text_again(csf_html_stream *s, int k, const csf_field *f)
{
	struct raw *r = &s->raw[k];
	if (f->val && r->text && r->len == f->len && !memcmp(r->text, f->val, f->len))
		return r->decoded ? s->text[k] : NULL;
	const char *t = field_text(s, k, f);
	if (f->val && f->len < 256) {
		if (r->room < f->len) {
			r->room = f->len + 32;
			r->text = xrealloc(r->text, r->room);
		}
		memcpy(r->text, f->val, f->len);
		r->len = f->len;
		r->decoded = t != NULL;
	} else
		r->len = (size_t)-1;
	return t;
}

static double
field_num(const csf_field *f)
{
	double x;
	return csf_field_num(f, &x) ? x : NAN;
}

/* What the first pass reads of a record: whose it is, what shape, its
 * dates, and the few figures the summary and the heat map need. */
enum { F_SUBJECT, F_KIND, F_DIRECTIVE, F_DIRECTIVES, F_CLASS, F_ITEM, F_GAP, F_ITEMS, F_AT,
	F_ROLE, F_PERSONA, F_COVERAGE, F_DATES, NFIELDS = F_DATES + 4 };
static const char *const field_names[NFIELDS] = { "subject", "kind", "directive", "directives", "class",
	"item", "gap", "items", "at_target", "role", "persona", "coverage" };

/* The wanted key of each length and first byte: a member's key is
 * compared with at most one of them (most lines have a dozen members, we
 * want sixteen keys most of them lack); -1 none, -2 more than one, then
 * all of that length are tried. */
#define KEY_LEN_MAX 16
static signed char pick[KEY_LEN_MAX][128];
static int pick_made;

static const char *
field_name(int i)
{
	return i < F_DATES ? field_names[i] : csf_overview_date_keys[i - F_DATES];
}

static void
pick_init(void)
{
	memset(pick, -1, sizeof pick);
	for (int i = 0; i < NFIELDS; i++) {
		const char *name = field_name(i);
		size_t l = strlen(name);
		if (l < KEY_LEN_MAX && (unsigned char)name[0] < 128) {
			signed char *c = &pick[l][(unsigned char)name[0]];
			*c = *c == -1 ? (signed char)i : -2;
		}
	}
	pick_made = 1;
}

static int
same_key(const char *name, const char *key, size_t klen)
{
	for (size_t i = 0; i < klen; i++)
		if (name[i] != key[i])
			return 0;
	return name[klen] == '\0';
}

/* The fields of a line: from the members its scan noted, else from the
 * line; -1 if it is not an object. */
static int
read_fields(const csf_line *ln, csf_field *f)
{
	if (!pick_made)
		pick_init();
	for (int i = 0; i < NFIELDS; i++)
		f[i].val = NULL;
	const csf_members *x = ln->members;
	if (!x || x->n < 0) {
		for (int i = 0; i < NFIELDS; i++)
			f[i].name = field_name(i);
		return csf_fields(ln->text, ln->len, f, NFIELDS);
	}
	for (int k = 0; k < x->n; k++) {
		size_t klen = x->m[k].klen;
		unsigned char c0 = (unsigned char)x->m[k].key[0];
		if (klen >= KEY_LEN_MAX || c0 >= 128 || pick[klen][c0] == -1)
			continue;
		for (int i = pick[klen][c0] >= 0 ? pick[klen][c0] : 0; i < NFIELDS; i++) {
			if (same_key(field_name(i), x->m[k].key, klen)) {
				f[i].val = x->m[k].val;   /* the last copy of a key counts, as in jansson */
				f[i].len = x->m[k].vlen;
				break;
			}
			if (pick[klen][c0] >= 0)
				break;
		}
	}
	return 0;
}

/* A person record's share of the summary and the heat map. */
static void
person_figures(csf_html_stream *s, const char *type, const char *kind, const csf_field *f)
{
	struct reading *p = &s->cur;
	for (int i = 0; csf_overview_date_keys[i]; i++) {
		const char *d = field_text(s, 2, &f[F_DATES + i]);
		if (d)
			csf_overview_date(&s->ov, d);
	}
	double x;
	if (csf_streq(type, "score") && !csf_streq(kind, "item")) {
		int is_role = csf_streq(kind, "role");
		csf_heat_src_add(&p->heat, is_role, field_text(s, 2, &f[is_role ? F_ROLE : F_PERSONA]),
		    field_num(&f[F_COVERAGE]));
	} else if (csf_streq(type, "gap") && csf_streq(kind, "item")) {
		if (csf_field_num(&f[F_GAP], &x))
			csf_overview_gap(&s->ov, field_text(s, 2, &f[F_ITEM]), x);
	} else if (csf_streq(type, "gap")) {
		/* The last summary counts, as in the held report. */
		long long items, at;
		p->has_counts = csf_field_int(&f[F_ITEMS], &items) && csf_field_int(&f[F_AT], &at);
		p->items = p->has_counts ? (long)items : 0;
		p->at_target = p->has_counts ? (long)at : 0;
	}
}

void
csf_html_stream_add(csf_html_stream *s, const csf_line *ln)
{
	const char *type = ln->type;
	s->count++;
	if (s->fallback)
		return;
	/* Records come in runs of a type: its group is looked up once a run. */
	size_t rank;
	if (s->has_last && csf_streq(type, s->last_type))
		rank = s->last_rank;
	else {
		rank = (size_t)(csf_doc_touch(s->held, type) - s->held->groups);
		s->has_last = strlen(type) < sizeof s->last_type;
		if (s->has_last) {
			strcpy(s->last_type, type);
			s->last_rank = rank;
		}
	}
	csf_group *g = &s->held->groups[rank];
	csf_field f[NFIELDS];
	const char *subject = NULL, *kind = "";
	if (read_fields(ln, f) == 0 && (subject = field_text_again(s, 0, &f[F_SUBJECT]))) {
		const char *k = field_text_again(s, 1, &f[F_KIND]);
		kind = k ? k : "";
		struct csf_shape sh = { kind, f[F_DIRECTIVE].val != NULL,
			f[F_DIRECTIVE].val && f[F_DIRECTIVE].val[0] == '"', f[F_DIRECTIVES].val != NULL,
			f[F_CLASS].val && f[F_CLASS].val[0] == '"' };
		if (!csf_report_shape_person(type, &sh))
			subject = NULL;
	}
	if (subject) {
		if (!s->active || !csf_streq(s->cur.subject, subject)) {
			/* A result sheet's subject seen before; a sheet of the
			 * current person's later falls back where it comes. */
			if (json_object_get(s->kartes, subject))
				goto fall;
			if (hashset_has(s->people, csf_hash(subject)))
				goto fall;   /* came back: the input is not grouped */
			person_end(s);
			person_start(s, subject, rank);
		}
		struct streamed *p = &s->done[s->ndone - 1];
		if (rank < p->rank) {
			p->rank = rank;
			p->seq = s->count;
		}
		person_figures(s, type, kind, f);
		return;
	}
	/* Few records: read whole, as the held report reads them. */
	json_t *rec = csf_line_parse(ln);
	csf_overview_record(&s->ov, type, rec);
	subject = csf_str(rec, "subject");
	if (subject && csf_report_is_karte(type, rec)) {
		/* A subject with both a sheet and a person section shares its
		 * profile between them: rare, and left to the held report. */
		json_object_set_new(s->kartes, subject, json_true());
		if (hashset_has(s->people, csf_hash(subject)))
			goto fall_rec;
	} else if (subject && csf_streq(type, "profile")) {
		/* A subject's first profile is its person's; later ones are
		 * shown with the other records. */
		uint64_t h;
		if (s->active && csf_streq(s->cur.subject, subject)) {
			if (!s->cur.has_profile) {
				s->cur.profile = rec;
				s->cur.has_profile = 1;
				return;
			}
		} else if (hashset_has(s->people, h = csf_hash(subject))) {
			if (hashset_has(s->unprofiled, h))
				goto fall_rec;   /* a person's profile after their section */
		} else if (!json_object_get(s->pending, subject))
			json_object_set(s->pending, subject, rec);
	}
	json_array_append_new(g->records, rec);
	return;
fall_rec:
	json_decref(rec);
fall:
	fall_back(s);
}

/* ---- the second pass ---- */

static int
by_place(const void *a, const void *b)
{
	const struct streamed *x = *(struct streamed *const *)a, *y = *(struct streamed *const *)b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Where the second pass is: the runs of person records it has passed,
 * and the first record of the next run when it has read one too many. */
#define SECTIONS_AT_ONCE (256 * 1024)
struct replayed {
	size_t n;                  /* people */
	struct streamed **order;
	struct streamed *done;
	FILE *spill;
	off_t pos;                 /* where it is read next, -1 not known */
	csf_buf entry;             /* the last entry read back, */
	struct spilled person;     /* and what it says */
	const struct csf_replay *again;
	long run;                  /* index in done of the run being read, -1 before any */
	char *run_subject;
	csf_flat *ahead;
	const char *ahead_type;
	struct csf_flat_person p;
	csf_buf out;               /* a person's section, written at once */
};

/* Person i's entry, read back from the spill. */
static const struct spilled *
spilled(struct replayed *r, size_t i)
{
	if (!spill_read(r->spill, &r->pos, r->order[i]->at, &r->entry, &r->person))
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	return &r->person;
}

static const char *
streamed_subject(void *ctx, size_t i)
{
	const struct spilled *p = spilled(ctx, i);
	return p->name ? p->name : p->subject;
}

/* A person record's type, one of the few the person sections show, as a
 * string that outlives the line. */
static const char *
person_type(const char *type)
{
	static const char *const known[] = { "score", "gap", "plan" };
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (csf_streq(type, known[i]))
			return known[i];
	return "";
}

/* The next person record of the second pass, and whether it starts a run. */
static csf_flat *
next_person_record(struct replayed *r, const char **type)
{
	csf_line ln;
	csf_flat *rec;
	if (r->ahead) {
		rec = r->ahead;
		*type = r->ahead_type;
		r->ahead = NULL;
		r->ahead_type = NULL;
		return rec;
	}
	while (r->again->next(r->again->ctx, &ln, &rec)) {
		const char *subject = rec ? csf_report_flat_person(ln.type, rec) : NULL;
		if (!subject) {
			csf_flat_free(rec);
			continue;
		}
		if (!r->run_subject || !csf_streq(r->run_subject, subject)) {
			r->run++;
			free(r->run_subject);
			r->run_subject = xstrdup(subject);
		}
		*type = person_type(ln.type);
		return rec;
	}
	return NULL;
}

static void
streamed_body(void *ctx, size_t i, int id, FILE *f)
{
	struct replayed *r = ctx;
	long want = (long)(r->order[i] - r->done);
	if (want < r->run || (want == r->run && !r->ahead)) {
		/* Behind us: another sweep from the start. */
		csf_flat_free(r->ahead);
		r->ahead = NULL;
		free(r->run_subject);
		r->run_subject = NULL;
		r->run = -1;
		r->again->rewind(r->again->ctx, 1);
	}
	const char *type = NULL;
	csf_flat *rec;
	const struct spilled *sp = spilled(r, i);
	const char *pt = sp->profile_text;
	json_t *profile = pt ? csf_build_json(pt, strlen(pt)) : NULL;
	r->p.subject = sp->subject;
	r->p.profile = profile;
	while ((rec = next_person_record(r, &type))) {
		if (r->run < want) {
			csf_flat_free(rec);
			continue;
		}
		if (r->run > want) {
			r->ahead = rec;
			r->ahead_type = type;
			break;
		}
		csf_flat_person_add(&r->p, type, rec);
	}
	html_section_open(&r->out, id);
	html_person_body(&r->out, &r->p);
	/* Sections go out a few hundred KB at a time, past stdio's buffer. */
	if (r->out.n >= SECTIONS_AT_ONCE || i + 1 == r->n)
		csf_buf_write_through(&r->out, f);
	csf_flat_person_clear(&r->p);
	json_decref(profile);
}

/* The held report from the second pass: any order of records. */
static int
render_held(const struct csf_replay *again, FILE *f, const struct csf_render_opts *o)
{
	csf_doc *d = csf_doc_new();
	csf_line ln;
	csf_flat *rec;
	again->rewind(again->ctx, 0);
	while (again->next(again->ctx, &ln, &rec)) {
		csf_doc_add(d, ln.type, csf_line_parse(&ln));
		csf_flat_free(rec);
	}
	int status = csf_render_html(d, f, o);
	csf_doc_free(d);
	return status;
}

int
csf_html_stream_end(csf_html_stream *s, FILE *f, const struct csf_render_opts *o,
    const struct csf_replay *again)
{
	int status = 0;
	struct csf_report *rep = NULL;
	if (!s->fallback) {
		person_end(s);
		rep = csf_report_build(s->held);
		if (fflush(s->spill) || ferror(s->spill))
			fall_back(s);   /* the disk is full: the held report */
		for (size_t k = 0; k < rep->nkarte && !s->fallback; k++)
			if (hashset_has(s->people, csf_hash(rep->karte[k].subject))) {
				csf_report_free(rep);
				rep = NULL;
				fall_back(s);
			}
	}
	if (s->fallback) {
		status = render_held(again, f, o);
	} else {
		struct streamed **order = xcalloc(s->ndone + 1, sizeof *order);
		for (size_t i = 0; i < s->ndone; i++)
			order[i] = &s->done[i];
		qsort(order, s->ndone, sizeof *order, by_place);
		struct replayed r = { s->ndone, order, s->done, s->spill, -1, { 0 }, { 0 }, again, 0, NULL, NULL,
			NULL, { 0 }, { 0 } };
		struct csf_heat_acc *heat = csf_heat_acc_new();
		for (size_t i = 0; i < s->ndone; i++)
			csf_heat_acc_person(heat, &spilled(&r, i)->heat);
		csf_heat_free(&rep->heat);
		csf_heat_acc_end(heat, &rep->heat);
		/* The first person is found by a first sweep. */
		r.run = s->ndone + 1;
		struct people pp = { s->ndone, streamed_subject, streamed_body, &r };
		csf_overview_finish(&s->ov, rep);
		html_document(f, o, rep, s->count, &pp, &s->ov);
		csf_flat_free(r.ahead);
		free(r.run_subject);
		csf_flat_person_free(&r.p);
		csf_buf_free(&r.out);
		csf_buf_free(&r.entry);
		free(r.person.heat.e);
		free(order);
	}
	csf_report_free(rep);
	csf_overview_free(&s->ov);
	free(s->cur.subject);   /* a person cut short by the fallback */
	json_decref(s->cur.profile);
	csf_heat_src_free(&s->cur.heat, 1);
	free(s->done);
	if (s->spill)
		fclose(s->spill);
	csf_buf_free(&s->entry);
	for (int k = 0; k < 3; k++)
		free(s->text[k]);
	for (int k = 0; k < 2; k++)
		free(s->raw[k].text);
	csf_doc_free(s->held);
	hashset_free(s->people);
	hashset_free(s->unprofiled);
	json_decref(s->pending);
	json_decref(s->kartes);
	free(s);
	return status;
}
