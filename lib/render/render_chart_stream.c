/* render_chart_stream.c - --format svg read once, at a memory that does
 * not grow with the people in the input (render.h).
 *
 * The chart is one person's bars, the people's heat map, or a result
 * sheet's radar (or the sheets' heat map). What grows with people is what
 * only the end can use: every profile (who is a management subject, and
 * which person comes first, is known only then) and every person's role
 * and persona summaries (the heat map adds them up in the report's person
 * order, which is not the input's). Those are written to a temporary file
 * as they pass, each person's summaries chained from the last back; the
 * end reads them back person by person in report order into the heat
 * map's cells, and builds the report from the few records it draws: the
 * result sheets, the first person and their profiles. Each subject's own
 * figures (where the chain ends, where the person comes) are in a second
 * file, rewritten as they change, so memory keeps 16 bytes a subject. The
 * report is the one the records held in memory would give, to the byte. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strmap.h"
#include "render/render_report.h"

/* Where a record stands in the held doc: its type's group (types in the
 * order their first kept record came) and its number. */
struct place {
	size_t g, seq;
};

struct held {
	struct place at;
	json_t *rec;
};

/* A subject's figures: in memory for the subject being read, else in
 * the subjects file (this, then the name), found by the hash of its name
 * (16 bytes a slot in memory, so that memory does not grow with the
 * subjects by more than that). */
struct subject {
	int person;          /* it has a person record */
	int added;           /* the profile is in the end's doc */
	struct place first;  /* where the report would place the person */
	long last;           /* the spool offset of its last summary, -1 if none */
	size_t nsum;
	long profile;        /* the spool offset of its first profile, -1 if none */
	size_t namelen;
};

/* A spooled record: this header, then the line. */
struct spooled {
	long prev;           /* the subject's summary before this one, -1 */
	struct place at;
	size_t len;
	int slim;            /* the held doc had it cut to the heat map's keys */
};

struct csf_svg_stream {
	char *bars;          /* the person whose records are kept (--subject, or the first) */
	strmap *types;       /* -> group number + 1 */
	char **type;
	size_t ntypes, seq;
	struct held *held;   /* result sheets' records and the bars person's */
	size_t nheld, cap;
	int subjects;        /* the subjects file */
	long subjects_end;
	hashindex *index;    /* name hash -> the subject's place */
	struct subject cur;  /* the subject last looked up, */
	char *cur_name;      /* its name (NULL: none yet), */
	long cur_at;         /* and its place in the file */
	FILE *spool;
	long end;
};

csf_svg_stream *
csf_svg_stream_new(const char *subject)
{
	csf_svg_stream *s = xcalloc(1, sizeof *s);
	s->bars = subject ? xstrdup(subject) : NULL;
	s->types = strmap_new();
	FILE *subjects = tmpfile();
	if (!subjects || !(s->spool = tmpfile()))
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	s->subjects = dup(fileno(subjects));   /* read and written with pread and pwrite */
	fclose(subjects);
	if (s->subjects < 0)
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	s->index = hashindex_new();
	return s;
}

static int
is_summary(const char *type, const json_t *rec)
{
	const char *kind = csf_str(rec, "kind");
	return !strcmp(type, "score") && kind && (!strcmp(kind, "role") || !strcmp(kind, "persona"));
}

/* svg draws one person's bars, or the heat map of everyone's role and
 * persona summaries: the other people's other records are not kept. */
static int
keeps(csf_svg_stream *s, const char *type, const json_t *rec)
{
	const char *subject = csf_str(rec, "subject");
	if (!subject || !csf_report_is_person(type, rec) || is_summary(type, rec))
		return 1;
	if (!s->bars)
		s->bars = xstrdup(subject);
	return !strcmp(s->bars, subject);
}

/* Another person's summary, once the bars' person is known, keeps only
 * what the heat map reads (its kind, role or persona and coverage) and
 * the keys that give a record its shape. */
static json_t *
slim(json_t *rec)
{
	static const char *const keep[] = { "kind", "subject", "role", "persona", "coverage",
		"directive", "directives", "class", NULL };
	json_t *out = json_object();
	for (int i = 0; keep[i]; i++) {
		json_t *v = json_object_get(rec, keep[i]);
		if (v)
			json_object_set(out, keep[i], v);
	}
	json_decref(rec);
	return out;
}

static size_t
group_of(csf_svg_stream *s, const char *type)
{
	int created;
	void **slot = strmap_slot(s->types, type, &created);
	if (created) {
		s->type = xrealloc(s->type, (s->ntypes + 1) * sizeof *s->type);
		s->type[s->ntypes] = xstrdup(type);
		*slot = (void *)(uintptr_t)++s->ntypes;
	}
	return (size_t)(uintptr_t)*slot - 1;
}

static void
subjects_io(ssize_t done, size_t want)
{
	if (done != (ssize_t)want)
		csf_die(1, "temporary file: %s", done < 0 ? csf_strerror(errno) : "cut short");
}

/* The subject at place at, read into *sj, with its name into *name. */
static void
subject_read(csf_svg_stream *s, long at, struct subject *sj, char **name, size_t *room)
{
	subjects_io(pread(s->subjects, sj, sizeof *sj, at), sizeof *sj);
	if (*room < sj->namelen + 1) {
		*room = sj->namelen + 1;
		*name = xrealloc(*name, *room);
	}
	subjects_io(pread(s->subjects, *name, sj->namelen, at + (long)sizeof *sj), sj->namelen);
	(*name)[sj->namelen] = '\0';
}

static void
subject_write(csf_svg_stream *s, long at, const struct subject *sj)
{
	subjects_io(pwrite(s->subjects, sj, sizeof *sj, at), sizeof *sj);
}

/* The place of the subject called name, -1 if none. */
static long
subject_find(csf_svg_stream *s, const char *name)
{
	struct subject sj;
	char *other = NULL;
	size_t room = 0, k = 0;
	long at;
	while ((at = hashindex_next(s->index, csf_hash(name), &k)) >= 0) {
		subject_read(s, at, &sj, &other, &room);   /* one hash, two names: rare */
		if (!strcmp(other, name))
			break;
	}
	free(other);
	return at;
}

/* The subject called name, read in (made if new); the one read before is
 * written back. */
static struct subject *
subject_of(csf_svg_stream *s, const char *name)
{
	if (s->cur_name && !strcmp(s->cur_name, name))
		return &s->cur;
	if (s->cur_name)
		subject_write(s, s->cur_at, &s->cur);
	free(s->cur_name);
	s->cur_name = NULL;
	long at = subject_find(s, name);
	size_t room = 0;
	if (at >= 0) {
		subject_read(s, at, &s->cur, &s->cur_name, &room);
		s->cur_at = at;
		return &s->cur;
	}
	memset(&s->cur, 0, sizeof s->cur);   /* its padding too: the file gets every byte */
	s->cur.last = s->cur.profile = -1;
	s->cur.namelen = strlen(name);
	s->cur_name = xstrdup(name);
	s->cur_at = s->subjects_end;
	subject_write(s, s->cur_at, &s->cur);
	subjects_io(pwrite(s->subjects, name, s->cur.namelen, s->cur_at + (long)sizeof s->cur), s->cur.namelen);
	s->subjects_end += (long)(sizeof s->cur + s->cur.namelen);
	hashindex_add(s->index, csf_hash(name), s->cur_at);
	return &s->cur;
}

static void
hold(csf_svg_stream *s, struct place at, json_t *rec)
{
	if (s->nheld == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->held = xrealloc(s->held, s->cap * sizeof *s->held);
	}
	s->held[s->nheld++] = (struct held){ at, rec };
}

static long
spool(csf_svg_stream *s, long prev, struct place at, int slimmed, const char *text, size_t len)
{
	struct spooled h;
	memset(&h, 0, sizeof h);   /* its padding too: the file gets every byte */
	h.prev = prev;
	h.at = at;
	h.len = len;
	h.slim = slimmed;
	long off = s->end;
	if (fwrite(&h, sizeof h, 1, s->spool) != 1 || fwrite(text, 1, len, s->spool) != len)
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	s->end += (long)(sizeof h + len);
	return off;
}

void
csf_svg_stream_add(csf_svg_stream *s, const char *type, json_t *rec, const char *text, size_t len)
{
	if (!keeps(s, type, rec)) {
		json_decref(rec);
		return;
	}
	struct place at = { group_of(s, type), s->seq++ };
	const char *subject = csf_str(rec, "subject");
	if (subject && csf_report_is_karte(type, rec)) {
		hold(s, at, rec);
		return;
	}
	if (subject && csf_report_is_person(type, rec)) {
		struct subject *sj = subject_of(s, subject);
		if (!sj->person || at.g < sj->first.g)
			sj->first = at;
		sj->person = 1;
		if (is_summary(type, rec)) {
			int slimmed = s->bars && strcmp(subject, s->bars);
			sj->last = spool(s, sj->last, at, slimmed, text, len);
			sj->nsum++;
			json_decref(rec);
		} else
			hold(s, at, rec);   /* the bars' person's, by keeps() */
		return;
	}
	if (subject && !strcmp(type, "profile")) {
		struct subject *sj = subject_of(s, subject);
		long off = spool(s, -1, at, 0, text, len);
		if (sj->profile < 0)
			sj->profile = off;
	}
	/* Group figures and the rest: no chart draws them. */
	json_decref(rec);
}

/* A spooled record read back: its header, and its tree. */
static json_t *
unspool(csf_svg_stream *s, long off, struct spooled *h, char **buf, size_t *room)
{
	int fd = fileno(s->spool);
	if (pread(fd, h, sizeof *h, off) != (ssize_t)sizeof *h)
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	if (!buf)
		return NULL;
	if (*room < h->len + 1) {
		*room = h->len + 1;
		*buf = xrealloc(*buf, *room);
	}
	if (pread(fd, *buf, h->len, off + (long)sizeof *h) != (ssize_t)h->len)
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	(*buf)[h->len] = '\0';
	json_t *rec = csf_build_json(*buf, h->len);
	return h->slim ? slim(rec) : rec;
}

static int
by_place(const void *x, const void *y)
{
	const struct place *a = x, *b = y;
	if (a->g != b->g)
		return (a->g > b->g) - (a->g < b->g);
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* A person: where the report puts them, and their place in the subjects file. */
struct ranked {
	struct place first;
	long at;
};

static int
by_first(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	return by_place(&a->first, &b->first);
}

/* A subject's summaries, oldest first: the chain is walked from the last. */
static long *
summaries_of(csf_svg_stream *s, const struct subject *sj)
{
	long *off = xcalloc(sj->nsum + 1, sizeof *off);
	long at = sj->last;
	struct spooled h;
	for (size_t i = sj->nsum; i-- > 0 && at >= 0; at = h.prev) {
		off[i] = at;
		unspool(s, at, &h, NULL, NULL);
	}
	return off;
}

/* The profile of the subject at place at (-1: none) goes in the doc, once. */
static void
add_profile(csf_svg_stream *s, long at, char **buf, size_t *room)
{
	if (at < 0)
		return;
	struct subject sj;
	subjects_io(pread(s->subjects, &sj, sizeof sj, at), sizeof sj);
	if (sj.profile < 0 || sj.added)
		return;
	struct spooled h;
	json_t *rec = unspool(s, sj.profile, &h, buf, room);
	sj.added = 1;
	subject_write(s, at, &sj);
	hold(s, h.at, rec);
}

int
csf_svg_stream_end(csf_svg_stream *s, FILE *f, const struct csf_render_opts *o)
{
	if (fflush(s->spool) || ferror(s->spool))
		csf_die(1, "temporary file: %s", csf_strerror(errno));
	if (s->cur_name)
		subject_write(s, s->cur_at, &s->cur);
	char *buf = NULL, *name = NULL;
	size_t room = 0, nroom = 0, np = 0;
	struct ranked *all = xcalloc(hashindex_count(s->index) + 1, sizeof *all);
	long at;
	for (size_t i = 0; (at = hashindex_each(s->index, &i)) >= 0; ) {
		struct subject sj;
		subjects_io(pread(s->subjects, &sj, sizeof sj, at), sizeof sj);
		if (sj.person)
			all[np++] = (struct ranked){ sj.first, at };
	}
	qsort(all, np, sizeof *all, by_first);

	/* The heat map, person by person in the report's order. */
	struct csf_heat_acc *acc = csf_heat_acc_new();
	long first = -1;
	for (size_t i = 0; i < np; i++) {
		struct subject one, *sj = &one;
		subject_read(s, all[i].at, sj, &name, &nroom);
		if (first < 0 && (!o->subject || !strcmp(name, o->subject)))
			first = all[i].at;
		struct spooled h;
		struct csf_heat_src src = { NULL, 0, xcalloc(sj->nsum + 1, sizeof *src.e) };
		if (sj->profile >= 0) {
			json_t *profile = unspool(s, sj->profile, &h, &buf, &room);
			const char *dept = csf_str(profile, "department");
			src.dept = dept ? xstrdup(dept) : NULL;
			json_decref(profile);
		}
		long *off = summaries_of(s, sj);
		for (size_t j = 0; j < sj->nsum; j++) {
			json_t *sm = unspool(s, off[j], &h, &buf, &room);
			struct csf_heat_entry *e = &src.e[src.n++];
			csf_heat_entry_of(e, sm);
			if (e->id)
				e->id = xstrdup(e->id);
			json_decref(sm);
		}
		free(off);
		csf_heat_acc_person(acc, &src);
		csf_heat_src_free(&src, 1);
	}

	/* The doc of what is drawn: the result sheets' records and the
	 * bars' person's, the first person's summaries, their profiles. */
	if (first >= 0) {
		struct subject sj;
		subject_read(s, first, &sj, &name, &nroom);
		long *off = summaries_of(s, &sj);
		struct spooled h;
		for (size_t j = 0; j < sj.nsum; j++) {
			json_t *sm = unspool(s, off[j], &h, &buf, &room);
			hold(s, h.at, sm);
		}
		free(off);
		add_profile(s, first, &buf, &room);
	}
	size_t nheld = s->nheld;
	for (size_t i = 0; i < nheld; i++) {
		const char *subject = csf_str(s->held[i].rec, "subject");
		const char *type = s->type[s->held[i].at.g];
		if (subject && csf_report_is_karte(type, s->held[i].rec))
			add_profile(s, subject_find(s, subject), &buf, &room);
	}
	if (s->nheld)
		qsort(s->held, s->nheld, sizeof *s->held, by_place);
	csf_doc *d = csf_doc_new();
	for (size_t i = 0; i < s->nheld; i++)
		csf_doc_add(d, s->type[s->held[i].at.g], s->held[i].rec);
	struct csf_report *r = csf_report_build(d);
	csf_heat_free(&r->heat);
	csf_heat_acc_end(acc, &r->heat);
	int status = csf_report_svg(r, f, o);

	csf_report_free(r);
	csf_doc_free(d);
	free(all);
	free(buf);
	free(name);
	free(s->cur_name);
	hashindex_free(s->index);
	close(s->subjects);
	strmap_free(s->types);
	for (size_t i = 0; i < s->ntypes; i++)
		free(s->type[i]);
	free(s->type);
	free(s->held);
	free(s->bars);
	fclose(s->spool);
	free(s);
	return status;
}
