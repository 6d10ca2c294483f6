/* render_split.c - --split DIR for large organisations: each person's
 * records go to a report of their own (DIR/SUBJECT.html or .pdf) as soon
 * as the next person starts, and DIR/index.html holds the organisation
 * with a link to every person. Memory holds one person at a time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "render/render_report.h"

/* A file name for a subject: letters, digits, - and _ kept, the rest _. */
static void
file_of(const char *subject, char *out, size_t n)
{
	size_t j = 0;
	for (const char *s = subject; *s && j + 1 < n && j < 100; s++)
		out[j++] = (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_' ? *s : '_';
	out[j] = '\0';
	if (j == 0)
		snprintf(out, n, "_");
}

struct split {
	const char *dir;
	int pdf;
	const struct csf_render_opts *o;
	csf_doc *cur;           /* the person being read */
	char *subject;
	json_t *profiles;       /* subject -> profile seen before the person's records */
	json_t *written;        /* subject -> file name */
	json_t *links;          /* [subject, name, file] in input order */
	int status;
};

static int
write_file(struct split *sp, const char *name, const csf_doc *d, int pdf, const struct csf_render_opts *o)
{
	size_t n = strlen(sp->dir) + strlen(name) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", sp->dir, name);
	FILE *f = fopen(path, "wb");
	int status = 0;
	if (!f) {
		csf_warn("%s: %s", path, csf_strerror(errno));
		status = 1;
	} else {
		status = pdf ? csf_render_pdf(d, f, o) : csf_render_html(d, f, o);
		if (fclose(f) != 0) {
			csf_warn("%s: %s", path, csf_strerror(errno));
			status = 1;
		}
	}
	free(path);
	return status;
}

static void
flush_person(struct split *sp)
{
	if (!sp->cur)
		return;
	char base[128], name[140];
	file_of(sp->subject, base, sizeof base);
	/* Two subjects that map to one name: the second gets a number. */
	snprintf(name, sizeof name, "%s.%s", base, sp->pdf ? "pdf" : "html");
	for (int k = 2; json_object_get(sp->written, name); k++)
		snprintf(name, sizeof name, "%s~%d.%s", base, k, sp->pdf ? "pdf" : "html");
	json_object_set_new(sp->written, name, json_true());
	csf_group *pg = csf_doc_group(sp->cur, "profile");
	const char *pname = pg && json_array_size(pg->records) ? csf_str(json_array_get(pg->records, 0), "name") : NULL;
	json_array_append_new(sp->links, json_pack("[sss]", sp->subject, pname ? pname : "", name));
	sp->status |= write_file(sp, name, sp->cur, sp->pdf, sp->o);
	csf_doc_free(sp->cur);
	sp->cur = NULL;
	free(sp->subject);
	sp->subject = NULL;
}

int
csf_render_split(csf_input *in, const char *dir, int pdf, const char *types, const char *kinds,
    const struct csf_render_opts *o)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		csf_warn("--split: %s: %s", dir, csf_strerror(errno));
		return 1;
	}
	struct split sp = { dir, pdf, o, NULL, NULL, json_object(), json_object(), json_array(), 0 };
	csf_doc *org = csf_doc_new();
	csf_line ln;
	while (csf_input_next(in, &ln)) {
		if (types && !csf_in_list(types, ln.type))
			continue;
		json_t *rec = csf_line_parse(&ln);
		const char *kind = csf_str(rec, "kind"), *subject = csf_str(rec, "subject");
		if ((kinds && !csf_in_list(kinds, kind ? kind : "")) ||
		    (o->subject && subject && strcmp(o->subject, subject))) {
			json_decref(rec);
			continue;
		}
		if (subject && csf_report_is_person(ln.type, rec)) {
			if (!sp.subject || strcmp(sp.subject, subject)) {
				flush_person(&sp);
				sp.cur = csf_doc_new();
				sp.subject = xstrdup(subject);
				json_t *prof = json_object_get(sp.profiles, subject);
				if (prof) {
					csf_doc_add(sp.cur, "profile", json_incref(prof));
					json_object_del(sp.profiles, subject);
				}
			}
			csf_doc_add(sp.cur, ln.type, rec);
		} else if (subject && !strcmp(ln.type, "profile")) {
			if (sp.subject && !strcmp(sp.subject, subject))
				csf_doc_add(sp.cur, ln.type, rec);
			else
				json_object_set_new(sp.profiles, subject, rec);
			/* The index lists departments from profiles too. */
			json_t *copy = json_deep_copy(rec);
			csf_doc_add(org, "profile", copy);
		} else
			csf_doc_add(org, ln.type, rec);
	}
	flush_person(&sp);
	/* The index: the organisation's part, then a link per person. */
	size_t n = strlen(dir) + 16;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/index.html", dir);
	FILE *f = fopen(path, "wb");
	if (!f) {
		csf_warn("%s: %s", path, csf_strerror(errno));
		sp.status = 1;
	} else {
		struct csf_render_opts io = *o;
		io.summary = 1;
		io.links = sp.links;
		sp.status |= csf_render_html(org, f, &io);
		if (fclose(f) != 0) {
			csf_warn("%s: %s", path, csf_strerror(errno));
			sp.status = 1;
		}
	}
	free(path);
	csf_doc_free(org);
	json_decref(sp.profiles);
	json_decref(sp.written);
	json_decref(sp.links);
	return sp.status;
}
