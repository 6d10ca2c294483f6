/* subjects.c - per-subject state for tools that read records of many
 * subjects. Grouped input (the default) holds one subject at a time and
 * closes it when the next one starts, so memory does not grow with the
 * input; a subject that comes back after others is reported, since its
 * results were already written. Ungrouped input (-u) holds every subject
 * until the end and closes them in the order first seen. */
#include <stdlib.h>
#include <string.h>

#include "core/subjects.h"
#include "core/strmap.h"

struct subjects {
	int ungrouped;
	subject_open_fn open;
	subject_close_fn close;
	void *ctx;
	char *cur_name;
	void *cur;
	strmap *held;     /* -u: every subject; grouped: ones opened early by side records */
	hashset *done;    /* grouped: subjects already closed */
	/* A worker of a split run (subjects_log): every subject opened, and
	 * where the first one was. */
	int logging;
	uint64_t *log;
	size_t nlog, caplog;
	const char *first_file;
	long first_line;
};

subjects *
subjects_new(int ungrouped, subject_open_fn open, subject_close_fn close, void *ctx)
{
	subjects *s = xcalloc(1, sizeof *s);
	s->ungrouped = ungrouped;
	s->open = open;
	s->close = close;
	s->ctx = ctx;
	s->held = strmap_new();
	s->done = hashset_new();
	return s;
}

static int
reappears(subjects *s, csf_input *in, const csf_line *ln, const char *name)
{
	if (!hashset_has(s->done, csf_hash(name)))
		return 0;
	csf_input_bad(in, ln, "subject \"%s\" appears again after other subjects: "
	              "input is not grouped by subject (sort it, or use --ungrouped)", name);
	return 1;
}

/* The held state of name, opened if new. */
static void *
held(subjects *s, const char *name)
{
	int created;
	void **slot = strmap_slot(s->held, name, &created);
	if (created)
		*slot = s->open(s->ctx, name);
	return *slot;
}

/* The state of name when no subject switch is needed: every subject is
 * held (-u), name is current, or name comes back (NULL, reported). 0 when
 * name is a new subject that the caller must start or hold. */
static int
settled(subjects *s, csf_input *in, const csf_line *ln, const char *name, void **state)
{
	if (s->ungrouped)
		*state = held(s, name);
	else if (s->cur_name && strcmp(s->cur_name, name) == 0)
		*state = s->cur;
	else if (reappears(s, in, ln, name))
		*state = NULL;
	else
		return 0;
	return 1;
}

void *
subjects_get(subjects *s, csf_input *in, const csf_line *ln, const char *name)
{
	void *state;
	if (settled(s, in, ln, name, &state))
		return state;
	if (s->cur_name) {
		s->close(s->ctx, s->cur);
		hashset_add(s->done, csf_hash(s->cur_name));
		free(s->cur_name);
	}
	s->cur_name = xstrdup(name);
	s->cur = strmap_remove(s->held, name);
	if (!s->cur) {
		s->cur = s->open(s->ctx, name);
		if (s->logging) {
			if (s->nlog == 0) {
				s->first_file = ln->file;
				s->first_line = ln->line;
			}
			if (s->nlog == s->caplog) {
				s->caplog = s->caplog ? 2 * s->caplog : 1024;
				s->log = xrealloc(s->log, s->caplog * sizeof *s->log);
			}
			s->log[s->nlog++] = csf_hash(name);
		}
	}
	return s->cur;
}

void
subjects_log(subjects *s)
{
	s->logging = 1;
	s->nlog = 0;
	s->first_file = NULL;
	s->first_line = 0;
}

int
subjects_close_current(subjects *s, int done, uint64_t *hash)
{
	if (!s->cur_name)
		return 0;
	*hash = csf_hash(s->cur_name);
	s->close(s->ctx, s->cur);
	if (done)
		hashset_add(s->done, *hash);
	free(s->cur_name);
	s->cur_name = NULL;
	s->cur = NULL;
	return 1;
}

size_t
subjects_logged(const subjects *s, const uint64_t **hashes, const char **file, long *line)
{
	*hashes = s->log;
	*file = s->first_file;
	*line = s->first_line;
	return s->nlog;
}

int
subjects_can_join(const subjects *s, const uint64_t *hashes, size_t n)
{
	if (s->ungrouped || strmap_count(s->held))
		return 0;
	uint64_t cur = s->cur_name ? csf_hash(s->cur_name) : 0;
	for (size_t i = 0; i < n; i++)
		if (hashset_has(s->done, hashes[i]) || (s->cur_name && hashes[i] == cur))
			return 0;
	return 1;
}

int
subjects_join(subjects *s, const uint64_t *hashes, size_t n)
{
	if (!subjects_can_join(s, hashes, n))
		return 0;
	uint64_t cur;
	subjects_close_current(s, 1, &cur);
	for (size_t i = 0; i < n; i++)
		hashset_add(s->done, hashes[i]);
	return 1;
}

void
subjects_adopt(subjects *s, const char *name, void *state)
{
	if (s->cur_name)
		csf_die(70, "-j: a worker's state does not read back");
	s->cur_name = xstrdup(name);
	s->cur = state;
}

void *
subjects_side(subjects *s, csf_input *in, const csf_line *ln, const char *name)
{
	void *state;
	if (settled(s, in, ln, name, &state))
		return state;
	return held(s, name);
}

void
subjects_finish(subjects *s)
{
	if (s->cur_name) {
		s->close(s->ctx, s->cur);
		free(s->cur_name);
	}
	size_t n = strmap_count(s->held);
	void **vals = xmalloc((n ? n : 1) * sizeof *vals);
	strmap_list(s->held, NULL, vals);
	for (size_t i = 0; i < n; i++)
		s->close(s->ctx, vals[i]);
	free(vals);
	strmap_free(s->held);
	hashset_free(s->done);
	free(s->log);
	free(s);
}
