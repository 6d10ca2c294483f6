/* nicediff.c - what changed between two NICE versions (csf-map-nice
 * --diff): one record per element added, removed or changed. */
#include <stdlib.h>
#include <string.h>

#include "nice/nicemap.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ID's outgoing links in DB, sorted, without "sort" elements (display
 * order only: v2.1.0 added them to every work role). */
static const char **
sorted_links(const nice_db *db, const char *id, size_t *np)
{
	size_t n, i, k = 0;
	const char *const *l = nice_links(db, id, &n);
	const char **s = xmalloc((n + 1) * sizeof *s);

	for (i = 0; i < n; i++)
		if (strcmp(nice_kind(db, l[i]), "sort"))
			s[k++] = l[i];
	qsort(s, k, sizeof *s, cmp_str);
	*np = k;
	return s;
}

/* Do ID's outgoing links differ between the two files (as sets)? */
static int
links_differ(const nice_db *a, const nice_db *b, const char *id)
{
	size_t na, nb, i;
	const char **sa = sorted_links(a, id, &na), **sb = sorted_links(b, id, &nb);
	int differ = na != nb;

	for (i = 0; i < na && !differ; i++)
		differ = strcmp(sa[i], sb[i]) != 0;
	free(sa);
	free(sb);
	return differ;
}

static void
tally(json_t *by_kind, const char *kind, const char *change)
{
	json_t *k = json_object_get(by_kind, kind);

	if (!k) {
		k = json_pack("{s:i, s:i, s:i}", "added", 0, "removed", 0, "changed", 0);
		json_object_set_new(by_kind, kind, k);
	}
	json_object_set_new(k, change, json_integer(json_integer_value(json_object_get(k, change)) + 1));
}

static void
diff_record(const char *id, const char *kind, const char *change, json_t *fields)
{
	json_t *rec = json_pack("{s:s, s:s, s:s, s:s}", "type", "nice_diff", "id", id, "kind", kind,
	    "change", change);

	if (fields)
		json_object_set_new(rec, "fields", fields);
	csf_emit_new(rec);
}

void
nice_diff(const nice_db *old, const nice_db *new_)
{
	json_t *by_kind = json_object();
	size_t i, n[3] = { 0, 0, 0 };

	for (i = 0; i < nice_count(old); i++) {
		const char *id = nice_id_at(old, i), *kind = nice_kind(old, id), *nkind = nice_kind(new_, id);
		if (!nkind) {
			diff_record(id, kind, "removed", NULL);
			tally(by_kind, kind, "removed");
			n[1]++;
			continue;
		}
		json_t *fields = json_array();
		if (strcmp(kind, nkind))
			json_array_append_new(fields, json_string("kind"));
		if (strcmp(nice_title(old, id), nice_title(new_, id)))
			json_array_append_new(fields, json_string("title"));
		if (strcmp(nice_text(old, id), nice_text(new_, id)))
			json_array_append_new(fields, json_string("text"));
		if (links_differ(old, new_, id))
			json_array_append_new(fields, json_string("links"));
		if (json_array_size(fields) == 0) {
			json_decref(fields);
			continue;
		}
		diff_record(id, nkind, "changed", fields);
		tally(by_kind, nkind, "changed");
		n[2]++;
	}
	for (i = 0; i < nice_count(new_); i++) {
		const char *id = nice_id_at(new_, i), *kind = nice_kind(new_, id);
		if (nice_kind(old, id))
			continue;
		diff_record(id, kind, "added", NULL);
		tally(by_kind, kind, "added");
		n[0]++;
	}
	csf_emit_new(json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:o}", "type", "nice_diff_summary",
	    "old", nice_version(old), "new", nice_version(new_), "added", (json_int_t)n[0],
	    "removed", (json_int_t)n[1], "changed", (json_int_t)n[2], "by_kind", by_kind));
}
