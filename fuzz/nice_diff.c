/* nice_diff.c - differential fuzz target for the NICE loader (lib/nice/nice.c,
 * a one-pass scanner) against jansson: nice_load must accept a file exactly
 * when jansson decodes it to an object (nested at most 64 deep) of a known
 * shape (an "elements" array at the top, or in response.elements for
 * v2.1.0), and the elements, titles, texts, kinds and links it serves must
 * be those of jansson's tree. Raw NUL bytes are refused without comparing
 * (see jscan_diff.c). Run with -close_fd_mask=2. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csf.h"
#include "nice/nice.h"

static const uint8_t *cur_data;
static size_t cur_size;

static void
die(const char *what, const char *id)
{
	fprintf(stderr, "nice_diff: %s (%s)\ninput (%zu bytes): ", what, id ? id : "", cur_size);
	for (size_t i = 0; i < cur_size && i < 800; i++)
		fprintf(stderr, cur_data[i] >= 0x20 && cur_data[i] < 0x7f ? "%c" : "\\x%02x", cur_data[i]);
	fputc('\n', stderr);
	abort();
}

static int
depth(const json_t *v)
{
	int d = 0, k;
	const char *key;
	json_t *m;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, m)
			if ((k = depth(m)) > d) d = k;
		return d + 1;
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			if ((k = depth(m)) > d) d = k;
		return d + 1;
	}
	return 0;
}

/* The loader's tidying, done on jansson's string: NBSP to space, trim. */
static char *
tidy(const char *s)
{
	char *t = malloc(strlen(s) + 1), *w = t;
	for (const char *r = s; *r; ) {
		if ((unsigned char)r[0] == 0xC2 && (unsigned char)r[1] == 0xA0) {
			*w++ = ' ';
			r += 2;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	char *b = t;
	while (*b && strchr(" \t\r\n", *b))
		b++;
	char *e = b + strlen(b);
	while (e > b && strchr(" \t\r\n", e[-1]))
		e--;
	*e = '\0';
	memmove(t, b, (size_t)(e - b) + 1);
	return t;
}

static const char *
str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void
compare(nice_db *db, json_t *lv)
{
	json_t *elems = json_object_get(lv, "elements"), *e;
	json_t *seen = json_object();   /* id -> element object, first kept */
	json_t *order = json_array();
	size_t i;
	json_array_foreach(elems, i, e) {
		const char *id = str(e, "element_identifier"), *kind = str(e, "element_type");
		if (!json_is_object(e) || !id || !*id || !kind || !*kind || json_object_get(seen, id))
			continue;
		json_object_set(seen, id, e);
		json_array_append_new(order, json_string(id));
	}
	if (nice_count(db) != json_array_size(order))
		die("element count differs", NULL);
	for (i = 0; i < json_array_size(order); i++) {
		const char *id = json_string_value(json_array_get(order, i));
		json_t *el = json_object_get(seen, id);
		if (strcmp(nice_id_at(db, i), id))
			die("element order differs", id);
		if (strcmp(nice_kind(db, id), str(el, "element_type")))
			die("kind differs", id);
		const char *fields[] = { "title", "text" };
		for (int k = 0; k < 2; k++) {
			const char *v = str(el, fields[k]);
			char *t = tidy(v ? v : "");
			if (strcmp(k ? nice_text(db, id) : nice_title(db, id), t))
				die(k ? "text differs" : "title differs", id);
			free(t);
		}
	}
	/* Links: in file order, both ends known, each pair once. */
	json_t *rels = json_object_get(lv, "relationships"), *r;
	json_t *out = json_object(), *pairs = json_object();
	json_array_foreach(rels, i, r) {
		const char *s = str(r, "source_element_identifier"), *d = str(r, "dest_element_identifier");
		if (!json_is_object(r) || !s || !d || !json_object_get(seen, s) || !json_object_get(seen, d))
			continue;
		char *key = malloc(strlen(s) + strlen(d) + 2);
		sprintf(key, "%s\n%s", s, d);
		if (!json_object_get(pairs, key)) {
			json_object_set_new(pairs, key, json_true());
			json_t *l = json_object_get(out, s);
			if (!l)
				json_object_set_new(out, s, l = json_array());
			json_array_append_new(l, json_string(d));
		}
		free(key);
	}
	for (i = 0; i < json_array_size(order); i++) {
		const char *id = json_string_value(json_array_get(order, i));
		json_t *want = json_object_get(out, id);
		size_t n;
		const char *const *got = nice_links(db, id, &n);
		if (n != json_array_size(want))
			die("link count differs", id);
		for (size_t k = 0; k < n; k++)
			if (strcmp(got[k], json_string_value(json_array_get(want, k))))
				die("links differ", id);
	}
	json_decref(seen);
	json_decref(order);
	json_decref(out);
	json_decref(pairs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "%s/nice_diff.%ld.json", access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm", (long)getpid());
	cur_data = data;
	cur_size = size;
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp))
		die("cannot write the temp file", NULL);
	nice_db *db = nice_load(path, NULL);
	if (memchr(data, '\0', size)) {
		if (db)
			die("a NUL byte accepted", NULL);
		return 0;
	}
	size_t skip = size >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
	json_error_t err;
	json_t *o = json_loadb((const char *)data + skip, size - skip, 0, &err);
	if (o && depth(o) > 64) {   /* jansson allows 2048; the loader 64 */
		nice_free(db);
		json_decref(o);
		return 0;
	}
	json_t *lv = NULL;
	if (json_is_object(o)) {
		json_t *resp = json_object_get(o, "response");
		json_t *inner = json_object_get(resp, "elements");
		lv = json_is_object(resp) && json_is_object(inner) ? inner : o;
		if (!json_is_array(json_object_get(lv, "elements")))
			lv = NULL;
	}
	if (!lv != !db) {
		fprintf(stderr, "jansson: %s\n", !o ? err.text : lv ? "a NICE file" : "not a NICE file");
		die(db ? "the loader accepts" : "the loader refuses", NULL);
	}
	if (db)
		compare(db, lv);
	nice_free(db);
	json_decref(o);
	return 0;
}
