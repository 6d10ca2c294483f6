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
#include <stdlib.h>
#include <string.h>

#include "render/render_html.h"

struct streamed {
	char *subject;
	char *name;         /* as the reader knows them */
	size_t rank, seq;   /* type of the first record, and its number: the held report's order */
	json_t *profile;    /* the person's first profile, while they are read */
	char *profile_text; /* the same written out, once they are: a tree a person would add up */
	int has_profile;
	struct csf_heat_src heat;
};

struct csf_html_stream {
	int fallback;
	size_t count;
	csf_doc *held;             /* groups made in first-seen type order */
	json_t *people;            /* subject -> index in done */
	struct streamed *done;     /* people in input order */
	size_t ndone, cap;
	struct csf_flat_person cur;   /* the last of done, while active */
	int active;
	json_t *pending;           /* subject -> its first profile, before its person */
	json_t *kartes;            /* subjects of result-sheet records */
	struct csf_overview ov;    /* the summary, gathered as people pass */
};

csf_html_stream *
csf_html_stream_new(void)
{
	csf_html_stream *s = xcalloc(1, sizeof *s);
	s->held = csf_doc_new();
	csf_overview_init(&s->ov);
	s->people = json_object();
	s->pending = json_object();
	s->kartes = json_object();
	return s;
}

/* Is this record (read flat) a person's, and whose? */
static const char *
person_of(const char *type, const csf_flat *rec)
{
	const char *subject = csf_flat_str(rec, "subject");
	if (!subject || csf_report_flat_is_karte(type, rec) || !csf_report_flat_is_person(type, rec))
		return NULL;
	return subject;
}

/* The current person ends: what the top of the document needs of them. */
static void
person_end(csf_html_stream *s)
{
	if (!s->active)
		return;
	struct streamed *p = &s->done[s->ndone - 1];
	s->cur.profile = p->profile;
	csf_overview_flat_person(&s->ov, &s->cur);
	p->name = xstrdup(csf_flat_person_name(&s->cur));
	csf_heat_src_of_flat(&p->heat, &s->cur);
	csf_flat_person_clear(&s->cur);
	if (p->profile) {
		p->profile_text = json_dumps(p->profile, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
		json_decref(p->profile);
		p->profile = NULL;
	}
	s->active = 0;
}

static void
person_start(csf_html_stream *s, const char *subject, size_t rank)
{
	if (s->ndone == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->done = xrealloc(s->done, s->cap * sizeof *s->done);
	}
	struct streamed *p = &s->done[s->ndone];
	memset(p, 0, sizeof *p);
	p->subject = xstrdup(subject);
	p->rank = rank;
	p->seq = s->count;
	json_object_set_new(s->people, subject, json_integer((json_int_t)s->ndone++));
	s->cur.subject = p->subject;
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
	csf_flat_person_clear(&s->cur);
	s->active = 0;
}

void
csf_html_stream_add(csf_html_stream *s, const csf_line *ln, csf_flat *flat)
{
	const char *type = ln->type;
	s->count++;
	if (s->fallback) {
		csf_flat_free(flat);
		return;
	}
	csf_group *g = csf_doc_touch(s->held, type);
	size_t rank = (size_t)(g - s->held->groups);
	const char *subject = flat ? person_of(type, flat) : NULL;
	if (subject) {
		csf_overview_flat_record(&s->ov, flat);
		if (json_object_get(s->kartes, subject))
			goto fall;
		if (!s->active || strcmp(s->cur.subject, subject)) {
			if (json_object_get(s->people, subject))
				goto fall;   /* came back: the input is not grouped */
			person_end(s);
			person_start(s, subject, rank);
		}
		struct streamed *p = &s->done[s->ndone - 1];
		if (rank < p->rank) {
			p->rank = rank;
			p->seq = s->count;
		}
		csf_flat_person_add(&s->cur, type, flat);
		return;
	}
	csf_flat_free(flat);
	/* Few records: read whole, as the held report reads them. */
	json_t *rec = csf_line_parse(ln);
	csf_overview_record(&s->ov, type, rec);
	subject = csf_str(rec, "subject");
	if (subject && csf_report_is_karte(type, rec)) {
		/* A subject with both a sheet and a person section shares its
		 * profile between them: rare, and left to the held report. */
		json_object_set_new(s->kartes, subject, json_true());
		if (json_object_get(s->people, subject))
			goto fall_rec;
	} else if (subject && !strcmp(type, "profile")) {
		/* A subject's first profile is its person's; later ones are
		 * shown with the other records. */
		json_t *ix = json_object_get(s->people, subject);
		if (ix) {
			struct streamed *p = &s->done[json_integer_value(ix)];
			if (!p->has_profile) {
				if (!s->active || p != &s->done[s->ndone - 1])
					goto fall_rec;
				p->profile = rec;
				p->has_profile = 1;
				return;
			}
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
struct replayed {
	struct streamed **order;
	struct streamed *done;
	const struct csf_replay *again;
	long run;                  /* index in done of the run being read, -1 before any */
	char *run_subject;
	csf_flat *ahead;
	char *ahead_type;
	struct csf_flat_person p;
};

static const char *
streamed_subject(void *ctx, size_t i)
{
	const struct streamed *p = ((struct replayed *)ctx)->order[i];
	return p->name ? p->name : p->subject;
}

/* The next person record of the second pass, and whether it starts a run. */
static csf_flat *
next_person_record(struct replayed *r, char **type)
{
	csf_line ln;
	csf_flat *rec;
	if (r->ahead) {
		rec = r->ahead;
		free(*type);
		*type = r->ahead_type;
		r->ahead = NULL;
		r->ahead_type = NULL;
		return rec;
	}
	while (r->again->next(r->again->ctx, &ln, &rec)) {
		const char *subject = rec ? person_of(ln.type, rec) : NULL;
		if (!subject) {
			csf_flat_free(rec);
			continue;
		}
		if (!r->run_subject || strcmp(r->run_subject, subject)) {
			r->run++;
			free(r->run_subject);
			r->run_subject = xstrdup(subject);
		}
		free(*type);
		*type = xstrdup(ln.type);
		return rec;
	}
	return NULL;
}

static void
streamed_body(void *ctx, size_t i, FILE *f)
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
	char *type = NULL;
	csf_flat *rec;
	const char *pt = r->order[i]->profile_text;
	json_t *profile = pt ? csf_build_json(pt, strlen(pt)) : NULL;
	r->p.subject = r->order[i]->subject;
	r->p.profile = profile;
	while ((rec = next_person_record(r, &type))) {
		if (r->run < want) {
			csf_flat_free(rec);
			continue;
		}
		if (r->run > want) {
			r->ahead = rec;
			free(r->ahead_type);
			r->ahead_type = type;
			type = NULL;
			break;
		}
		csf_flat_person_add(&r->p, type, rec);
	}
	free(type);
	html_person_body(f, &r->p);
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
		for (size_t k = 0; k < rep->nkarte && !s->fallback; k++)
			if (json_object_get(s->people, rep->karte[k].subject)) {
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
		struct csf_heat_src *src = xcalloc(s->ndone + 1, sizeof *src);
		for (size_t i = 0; i < s->ndone; i++)
			src[i] = order[i]->heat;
		csf_heat_free(&rep->heat);
		csf_heat_build(&rep->heat, src, s->ndone);
		free(src);
		struct replayed r = { order, s->done, again, 0, NULL, NULL, NULL, { 0 } };
		/* The first person is found by a first sweep. */
		r.run = s->ndone + 1;
		struct people pp = { s->ndone, streamed_subject, streamed_body, &r };
		csf_overview_finish(&s->ov, rep);
		html_document(f, o, rep, s->count, &pp, &s->ov);
		csf_flat_free(r.ahead);
		free(r.ahead_type);
		free(r.run_subject);
		csf_flat_person_free(&r.p);
		free(order);
	}
	csf_report_free(rep);
	csf_overview_free(&s->ov);
	for (size_t i = 0; i < s->ndone; i++) {
		free(s->done[i].name);
		free(s->done[i].subject);
		json_decref(s->done[i].profile);
		free(s->done[i].profile_text);
		csf_heat_src_free(&s->done[i].heat, 1);
	}
	free(s->done);
	csf_flat_person_free(&s->cur);
	csf_doc_free(s->held);
	json_decref(s->people);
	json_decref(s->pending);
	json_decref(s->kartes);
	free(s);
	return status;
}
