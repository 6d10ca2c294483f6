/* fields_diff.c - differential fuzz target for lib/core/fields.c: on every text
 * the scanner accepts (a JSON object, as csf_input_next hands it over),
 * each member csf_fields finds must be the one jansson decodes (the last of
 * a repeated key), and the typed readers (null, integer, string, array
 * elements, also read in one pass) must agree with jansson's view of it;
 * csf_line_fields, from the members csf_scan_index noted, must find the
 * same spans. Aborts on a difference. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/fields.h"

static const uint8_t *cur_data;
static size_t cur_size;

static void
die(const char *what, const char *key)
{
	fprintf(stderr, "fields_diff: %s (key \"%s\")\ninput (%zu bytes): ", what, key, cur_size);
	for (size_t i = 0; i < cur_size && i < 400; i++)
		fprintf(stderr, cur_data[i] >= 0x20 && cur_data[i] < 0x7f ? "%c" : "\\x%02x", cur_data[i]);
	fputc('\n', stderr);
	abort();
}

/* The raw text of one value must decode to V. */
static void
same_value(const char *val, size_t len, json_t *v, const char *key)
{
	json_error_t e;
	json_t *got = json_loadb(val, len, JSON_DECODE_ANY, &e);
	if (!got || !json_equal(got, v))
		die("raw value differs from jansson's", key);
	json_decref(got);
}

static void
check_member(const csf_field *f, json_t *v, const char *key)
{
	if (!v) {
		if (f->val)
			die("member found that jansson does not have", key);
		return;
	}
	if (!f->val)
		die("member missed", key);
	same_value(f->val, f->len, v, key);
	if (csf_field_null(f) != json_is_null(v))
		die("csf_field_null differs", key);
	long long i;
	int isint = csf_field_int(f, &i);
	if (isint != json_is_integer(v) || (isint && i != json_integer_value(v)))
		die("csf_field_int differs", key);
	char buf[256];
	long n = csf_field_str(f, buf, sizeof buf);
	if (json_is_string(v) && json_string_length(v) < sizeof buf) {
		if (n < 0 || (size_t)n != json_string_length(v) || memcmp(buf, json_string_value(v), (size_t)n))
			die("csf_field_str differs", key);
	} else if (!json_is_string(v) && n >= 0)
		die("csf_field_str reads a non-string", key);
	csf_iter it;
	csf_field e;
	if (csf_field_array(f, &it) != json_is_array(v))
		die("csf_field_array differs", key);
	if (json_is_array(v)) {
		size_t k = 0;
		while (csf_iter_next(&it, &e)) {
			if (k >= json_array_size(v))
				die("array has extra elements", key);
			same_value(e.val, e.len, json_array_get(v, k), key);
			k++;
		}
		if (k != json_array_size(v))
			die("array elements missed", key);
		/* Arrays of arrays read in one pass (csf_iter_enter) give the
		 * same elements, and it stops at the first element that is not
		 * an array. */
		csf_iter inner;
		int r;
		csf_field_array(f, &it);
		k = 0;
		while ((r = csf_iter_enter(&it, &inner)) > 0) {
			json_t *ek = json_array_get(v, k);
			size_t j = 0;
			if (!json_is_array(ek))
				die("csf_iter_enter steps into a non-array", key);
			while (csf_iter_next(&inner, &e)) {
				if (j >= json_array_size(ek))
					die("entered array has extra elements", key);
				same_value(e.val, e.len, json_array_get(ek, j), key);
				j++;
			}
			if (j != json_array_size(ek))
				die("entered array elements missed", key);
			k++;
		}
		if (r < 0 ? k >= json_array_size(v) || json_is_array(json_array_get(v, k)) : k != json_array_size(v))
			die("csf_iter_enter stops at the wrong element", key);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);
	memcpy(text, data, size);
	cur_data = data;
	cur_size = size;
	char type[CSF_TYPE_MAX];
	if (memchr(text, '\0', size) || csf_scan_json(text, size, type, sizeof type)) {
		free(text);
		return 0;
	}
	json_error_t err;
	json_t *o = json_loadb(text, size, 0, &err);
	if (!o)
		die("scanner accepts what jansson refuses", "");
	/* Ask for every key of the object (names a tool could want: short,
	 * non-empty) plus some that are usually absent. */
	static const char *fixed[] = { "type", "subject", "item", "level", "target", "kind", "roles", "current" };
	const char *names[16];
	int n = 0;
	const char *key;
	json_t *m;
	json_object_foreach(o, key, m) {
		size_t kl = strlen(key);
		if (n < 8 && kl > 0 && kl < 60 && strlen(key) == kl)
			names[n++] = key;
	}
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed && n < 16; i++) {
		int dup = 0;
		for (int j = 0; j < n; j++)
			dup |= !strcmp(names[j], fixed[i]);
		if (!dup)
			names[n++] = fixed[i];
	}
	csf_field f[16];
	for (int i = 0; i < n; i++)
		f[i] = (csf_field){ names[i], NULL, 0 };
	if (csf_fields(text, size, f, n) < 0)
		die("csf_fields refuses an object", "");
	for (int i = 0; i < n; i++)
		check_member(&f[i], json_object_get(o, names[i]), names[i]);
	/* The members csf_scan_index noted must give the same spans. */
	csf_members idx;
	csf_line ln = { .text = text, .len = size, .members = &idx };
	csf_field g[16];
	if (csf_scan_index(text, size, type, sizeof type, &idx))
		die("csf_scan_index refuses what csf_scan_json accepts", "");
	for (int i = 0; i < n; i++)
		g[i] = (csf_field){ names[i], NULL, 0 };
	if (csf_line_fields(&ln, g, n) < 0)
		die("csf_line_fields refuses an object", "");
	for (int i = 0; i < n; i++)
		if (g[i].val != f[i].val || (g[i].val && g[i].len != f[i].len))
			die("csf_line_fields differs from csf_fields", names[i]);
	json_decref(o);
	free(text);
	return 0;
}
