/* render_html_stream.c - the HTML report fed one record at a time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "render/render_html.h"

/* ---- the document, streamed ----
 * Records arrive grouped by subject. Each person's section is written to a
 * temporary file when the next person starts; what is kept is the person's
 * subject, place in the report and heat-map figures. Records no person
 * section shows (result sheets, group figures, anything else) are held as
 * before. Every record is also spooled to a second temporary file: when a
 * person's records come back after the next person started, the report is
 * built from the spool the way the held report is, so the output never
 * depends on the input being grouped. */

struct streamed {
	char *subject;
	char *name;         /* as the reader knows them */
	size_t rank, seq;   /* type of the first record, and its number: the held report's order */
	off_t off, len;     /* the section body in the sections file */
	int has_profile;
	struct csf_heat_src heat;
};

struct csf_html_stream {
	FILE *spool, *sections;
	csf_doc *all;              /* no temporary files: every record held */
	int fallback;
	size_t count;
	csf_doc *held;             /* groups made in first-seen type order */
	json_t *people;            /* subject -> index in done */
	struct streamed *done;
	size_t ndone, cap;
	struct csf_person cur;     /* the last of done, while active */
	json_t *cur_refs;
	int active;
	json_t *pending;           /* subject -> its first profile, before its person */
	json_t *kartes;            /* subjects of result-sheet records */
	struct csf_overview ov;    /* the summary, gathered as people pass */
};

csf_html_stream *
csf_html_stream_new(void)
{
	csf_html_stream *s = xcalloc(1, sizeof *s);
	s->spool = tmpfile();
	s->sections = tmpfile();
	if (!s->spool || !s->sections) {
		if (s->spool)
			fclose(s->spool);
		if (s->sections)
			fclose(s->sections);
		s->spool = s->sections = NULL;
		s->all = csf_doc_new();
		return s;
	}
	setvbuf(s->spool, NULL, _IOFBF, 1 << 18);
	setvbuf(s->sections, NULL, _IOFBF, 1 << 18);
	s->held = csf_doc_new();
	csf_overview_init(&s->ov);
	s->people = json_object();
	s->pending = json_object();
	s->kartes = json_object();
	return s;
}

static void
person_drop(csf_html_stream *s)
{
	if (!s->active)
		return;
	json_decref(s->cur.summaries);
	json_decref(s->cur.items);
	json_decref(s->cur.gaps);
	json_decref(s->cur.steps);
	json_decref(s->cur_refs);
	s->active = 0;
}

static void
person_flush(csf_html_stream *s)
{
	if (!s->active)
		return;
	struct streamed *p = &s->done[s->ndone - 1];
	p->off = ftello(s->sections);
	csf_overview_person(&s->ov, &s->cur);
	free(p->name);
	p->name = xstrdup(csf_person_name(&s->cur));
	html_person_body(s->sections, &s->cur);
	p->len = ftello(s->sections) - p->off;
	csf_heat_src_of(&p->heat, &s->cur, 1);
	person_drop(s);
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
	memset(&s->cur, 0, sizeof s->cur);
	s->cur.subject = p->subject;
	s->cur.summaries = json_array();
	s->cur.items = json_array();
	s->cur.gaps = json_array();
	s->cur.steps = json_array();
	s->cur_refs = json_array();
	s->active = 1;
	/* A profile that came first is the person's: no longer held. */
	json_t *prof = json_object_get(s->pending, p->subject);
	if (prof) {
		json_array_append(s->cur_refs, prof);
		s->cur.profile = prof;
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

/* Stop streaming: the report will be built from the spool. */
static void
fall_back(csf_html_stream *s)
{
	s->fallback = 1;
	person_drop(s);
	csf_doc_free(s->held);
	s->held = NULL;
	json_object_clear(s->pending);
}

void
csf_html_stream_add(csf_html_stream *s, const char *type, json_t *rec, const char *text, size_t len)
{
	s->count++;
	if (s->all) {
		csf_doc_add(s->all, type, rec);
		return;
	}
	size_t tlen = strlen(type);
	fwrite(&tlen, sizeof tlen, 1, s->spool);
	fwrite(type, 1, tlen, s->spool);
	fwrite(&len, sizeof len, 1, s->spool);
	fwrite(text, 1, len, s->spool);
	if (s->fallback) {
		json_decref(rec);
		return;
	}
	csf_overview_record(&s->ov, type, rec);
	csf_group *g = csf_doc_touch(s->held, type);
	size_t rank = (size_t)(g - s->held->groups);
	const char *subject = csf_str(rec, "subject");
	if (subject && csf_report_is_karte(type, rec)) {
		/* A subject with both a sheet and a person section shares its
		 * profile between them: rare, and left to the held report. */
		json_object_set_new(s->kartes, subject, json_true());
		if (json_object_get(s->people, subject))
			goto fall;
	} else if (subject && csf_report_is_person(type, rec)) {
		if (json_object_get(s->kartes, subject))
			goto fall;
		if (!s->active || strcmp(s->cur.subject, subject)) {
			if (json_object_get(s->people, subject))
				goto fall;   /* came back: the input is not grouped */
			person_flush(s);
			person_start(s, subject, rank);
		}
		csf_report_person_add(&s->cur, type, rec);
		json_array_append_new(s->cur_refs, rec);
		struct streamed *p = &s->done[s->ndone - 1];
		if (rank < p->rank) {
			p->rank = rank;
			p->seq = s->count;
		}
		return;
	} else if (subject && !strcmp(type, "profile")) {
		/* A subject's first profile is its person's; later ones are
		 * shown with the other records. */
		json_t *ix = json_object_get(s->people, subject);
		if (ix) {
			size_t i = (size_t)json_integer_value(ix);
			if (!s->done[i].has_profile) {
				if (!s->active || i + 1 != s->ndone)
					goto fall;
				s->cur.profile = rec;
				s->done[i].has_profile = 1;
				json_array_append_new(s->cur_refs, rec);
				return;
			}
		} else if (!json_object_get(s->pending, subject))
			json_object_set(s->pending, subject, rec);
	}
	json_array_append_new(g->records, rec);
	return;
fall:
	json_decref(rec);
	fall_back(s);
}

static csf_doc *
spool_read(FILE *spool)
{
	csf_doc *d = csf_doc_new();
	rewind(spool);
	size_t tlen, len;
	char *type = NULL;
	while (fread(&tlen, sizeof tlen, 1, spool) == 1) {
		/* We wrote the spool: lengths are at most a line's. */
		if (tlen > CSF_LINE_MAX)
			break;
		type = xrealloc(type, tlen + 1);
		if (fread(type, 1, tlen, spool) != tlen || fread(&len, sizeof len, 1, spool) != 1 || len > CSF_LINE_MAX)
			break;
		type[tlen] = '\0';
		char *text = xmalloc(len + 1);
		if (fread(text, 1, len, spool) != len) {
			free(text);
			break;
		}
		text[len] = '\0';
		csf_doc_add(d, type, csf_build_json(text, len));
		free(text);
	}
	free(type);
	return d;
}

static int
by_place(const void *a, const void *b)
{
	const struct streamed *x = *(struct streamed *const *)a, *y = *(struct streamed *const *)b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

struct streamed_people {
	struct streamed **order;
	FILE *sections;
};

static const char *
streamed_subject(void *ctx, size_t i)
{
	const struct streamed *p = ((struct streamed_people *)ctx)->order[i];
	return p->name ? p->name : p->subject;
}

static void
streamed_body(void *ctx, size_t i, FILE *f)
{
	struct streamed_people *sp = ctx;
	const struct streamed *p = sp->order[i];
	char buf[65536];
	fseeko(sp->sections, p->off, SEEK_SET);
	for (off_t left = p->len; left > 0; ) {
		size_t want = left < (off_t)sizeof buf ? (size_t)left : sizeof buf;
		size_t got = fread(buf, 1, want, sp->sections);
		if (got == 0)
			break;
		fwrite(buf, 1, got, f);
		left -= (off_t)got;
	}
}

int
csf_html_stream_end(csf_html_stream *s, FILE *f, const struct csf_render_opts *o)
{
	int status = 0;
	if (s->all) {
		status = csf_render_html(s->all, f, o);
		csf_doc_free(s->all);
		free(s);
		return status;
	}
	struct csf_report *rep = NULL;
	if (!s->fallback) {
		person_flush(s);
		rep = csf_report_build(s->held);
		for (size_t k = 0; k < rep->nkarte && !s->fallback; k++)
			if (json_object_get(s->people, rep->karte[k].subject)) {
				csf_report_free(rep);
				rep = NULL;
				fall_back(s);
			}
	}
	if (fflush(s->spool) || ferror(s->spool) || fflush(s->sections) || ferror(s->sections)) {
		csf_warn("temporary file: %s", csf_strerror(errno));
		status = 1;
	} else if (s->fallback) {
		csf_doc *d = spool_read(s->spool);
		status = csf_render_html(d, f, o);
		csf_doc_free(d);
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
		struct streamed_people sp = { order, s->sections };
		struct people pp = { s->ndone, streamed_subject, streamed_body, &sp };
		csf_overview_finish(&s->ov, rep);
		html_document(f, o, rep, s->count, &pp, &s->ov);
		if (ferror(s->sections)) {
			csf_warn("temporary file: read failed");
			status = 1;
		}
		free(order);
	}
	csf_report_free(rep);
	csf_overview_free(&s->ov);
	for (size_t i = 0; i < s->ndone; i++) {
		free(s->done[i].name);
		free(s->done[i].subject);
		csf_heat_src_free(&s->done[i].heat, 1);
	}
	free(s->done);
	person_drop(s);
	csf_doc_free(s->held);
	json_decref(s->people);
	json_decref(s->pending);
	json_decref(s->kartes);
	fclose(s->spool);
	fclose(s->sections);
	free(s);
	return status;
}
