/* csv_read.c - fuzz target for the CSV answer reader (lib/core/csv.c) against
 * a small reference reader written here from RFC 4180 and the rules in
 * pipeline.h. When the reference finds the text clean, csv_next must return
 * exactly its rows (as objects) and report nothing; when the reference finds
 * a fault, the reader must report at least one error: a bad row never
 * vanishes silently. Run with -close_fd_mask=2 (the reports go to stderr). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csf.h"
#include "core/csv.h"

#define MAXF 256

static const uint8_t *cur_data;
static size_t cur_size;

static void
die(const char *what)
{
	fprintf(stderr, "csv_read: %s\ninput (%zu bytes): ", what, cur_size);
	for (size_t i = 0; i < cur_size && i < 600; i++)
		fprintf(stderr, cur_data[i] >= 0x20 && cur_data[i] < 0x7f ? "%c" : "\\x%02x", cur_data[i]);
	fputc('\n', stderr);
	abort();
}

/* ---- the reference: whole text to rows of fields, 0 on any fault ---- */
struct row { int n; char *f[MAXF]; size_t len[MAXF]; };

static int
ref_rows(const uint8_t *p, size_t size, struct row **rowsp, int *nrows)
{
	const uint8_t *end = p + size;
	struct row *rows = NULL;
	int nr = 0, ok = 1;
	char *buf = malloc(size + 1);
	if (size >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	else if (size && p[0] == 0xef)
		ok = 0;
	while (ok && p < end) {
		struct row r = { 0 };
		size_t blen = 0, fstart = 0;
		int done = 0;
		r.n = 0;
		while (!done) {
			/* one field */
			fstart = blen;
			if (p < end && *p == '"') {
				p++;
				for (;;) {
					if (p >= end) { ok = 0; break; }
					if (*p == '"') {
						if (p + 1 < end && p[1] == '"') { buf[blen++] = '"'; p += 2; continue; }
						p++;
						break;
					}
					buf[blen++] = (char)*p++;
				}
				if (!ok)
					break;
			} else {
				while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
					if (*p == '"') { ok = 0; break; }
					buf[blen++] = (char)*p++;
				}
				if (!ok)
					break;
			}
			if (r.n == MAXF) { ok = 0; break; }
			r.f[r.n] = malloc(blen - fstart + 1);
			memcpy(r.f[r.n], buf + fstart, blen - fstart);
			r.f[r.n][blen - fstart] = '\0';
			r.len[r.n] = blen - fstart;
			r.n++;
			if (p >= end) {
				done = 1;
			} else if (*p == ',') {
				p++;
				if (p >= end) {   /* "a," at EOF: one more empty field */
					if (r.n == MAXF) { ok = 0; break; }
					r.f[r.n] = calloc(1, 1);
					r.len[r.n++] = 0;
					done = 1;
				}
			} else if (*p == '\n') {
				p++;
				done = 1;
			} else if (*p == '\r' && p + 1 < end && p[1] == '\n') {
				p += 2;
				done = 1;
			} else {
				ok = 0;   /* bare CR, or text after a closing quote */
			}
		}
		if (!ok) {
			for (int i = 0; i < r.n; i++)
				free(r.f[i]);
			break;
		}
		rows = realloc(rows, (size_t)(nr + 1) * sizeof *rows);
		rows[nr++] = r;
	}
	free(buf);
	*rowsp = rows;
	*nrows = nr;
	return ok;
}

static void
free_rows(struct row *rows, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < rows[i].n; j++)
			free(rows[i].f[j]);
	free(rows);
}

static char *
trim_lower(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *t = strdup(s);
	size_t n = strlen(t);
	while (n && isspace((unsigned char)t[n - 1]))
		t[--n] = '\0';
	for (char *q = t; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return t;
}

/* Rows to the objects csv_next should return; NULL on a fault. */
static json_t *
ref_objects(struct row *rows, int nr)
{
	int h = 0;
	while (h < nr && rows[h].n == 1 && rows[h].len[0] == 0)
		h++;
	json_t *out = json_array();
	if (h == nr)
		return out;
	struct row *hd = &rows[h];
	char *cols[MAXF];
	int ok = 1;
	for (int i = 0; i < hd->n; i++) {
		if (memchr(hd->f[i], '\0', hd->len[i]))   /* a NUL in the header: a fault */
			ok = 0;
		cols[i] = trim_lower(hd->f[i]);
		for (int j = 0; j < i; j++)
			if (*cols[i] && !strcmp(cols[i], cols[j]))
				ok = 0;
	}
	for (int k = h + 1; k < nr && ok; k++) {
		struct row *r = &rows[k];
		int empty = 1;
		for (int i = 0; i < r->n; i++)
			empty &= r->len[i] == 0;
		if (empty)
			continue;
		if (r->n != hd->n) {
			ok = 0;
			break;
		}
		json_t *o = json_object();
		for (int i = 0; i < r->n && ok; i++) {
			if (!r->len[i] || !*cols[i])
				continue;
			json_t *s = memchr(r->f[i], '\0', r->len[i]) ? NULL : json_stringn(r->f[i], r->len[i]);
			if (!s)
				ok = 0;
			else {
				/* The formula guard's one ' comes off (core/csvout.c's rule). */
				const char *v = json_string_value(s), *u = csf_csv_unguard(v);
				if (u != v) {
					json_t *t = json_string(u);
					json_decref(s);
					s = t;
				}
				json_object_set_new(o, cols[i], s);
			}
		}
		if (!json_object_get(o, "type"))
			json_object_set_new(o, "type", json_string("answer"));
		json_array_append_new(out, o);
	}
	for (int i = 0; i < hd->n; i++)
		free(cols[i]);
	if (!ok) {
		json_decref(out);
		return NULL;
	}
	return out;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	argv0 = "csv_read";
	csf_opt.keep_going = 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "%s/csv_read.%ld.csv", access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm", (long)getpid());
	cur_data = data;
	cur_size = size;
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp))
		die("cannot write the temp file");

	struct row *rows;
	int nr;
	/* A NUL byte anywhere is a fault (a C string would end at it). */
	int clean = ref_rows(data, size, &rows, &nr) && !memchr(data, '\0', size);
	json_t *want = clean ? ref_objects(rows, nr) : NULL;
	free_rows(rows, nr);

	/* One input for the whole run (opening one costs a 1 MiB buffer);
	 * only the change in its error count matters. */
	static csf_input *in;
	if (!in)
		in = csf_input_open(0, NULL);
	long errors0 = csf_input_errors(in);
	csv_reader *r = csv_open(path, in);
	json_t *got = json_array();
	csf_line ln;
	json_t *o;
	long last = 0;
	while ((o = csv_next(r, &ln))) {
		if (ln.line <= last)
			die("row line numbers do not increase");
		last = ln.line;
		json_array_append_new(got, o);
	}
	long errors = csf_input_errors(in) - errors0;
	csv_close(r);
	if (want) {
		if (errors)
			die("the reader reports an error in clean CSV");
		if (!json_equal(want, got)) {
			char *a = json_dumps(want, JSON_COMPACT), *b = json_dumps(got, JSON_COMPACT);
			fprintf(stderr, "want %s\ngot  %s\n", a, b);
			die("rows differ from the reference");
		}
	} else if (!errors)
		die("faulty CSV read without a report");
	json_decref(want);
	json_decref(got);
	return 0;
}
