/* assess_rows.c - the rows of an answer sheet (CSV, cells as strings) as
 * the "answer" and "profile" records csf-assess scores. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tks/pipeline.h"

/* A cell as ASCII digits: full-width digits ("３", typed with a Japanese
 * input method left on) become "3", ideographic spaces are dropped. NULL
 * if it holds anything else, or more than a few characters. */
static const char *
ascii_digits(const char *v, char *buf, size_t size)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)v;
	while (*p) {
		if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99) {
			if (n + 1 < size) buf[n++] = (char)('0' + p[2] - 0x90);
			p += 3;
		} else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;
		} else if (*p < 0x80) {
			if (n + 1 < size) buf[n++] = (char)*p;
			p++;
		} else {
			return NULL;
		}
		if (n + 1 >= size)
			return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* A number cell: digits -> integer; "" was left out by the reader. */
static void
cell_number(json_t *row, json_t *ans, const char *key, int null_if_absent)
{
	const char *v = csf_str(row, key);
	if (!v) {
		if (null_if_absent)
			json_object_set_new(ans, key, json_null());
		return;
	}
	char buf[16];
	const char *p = ascii_digits(v, buf, sizeof buf);
	if (!p) {
		json_object_set_new(ans, key, json_string(v));   /* rejected later, with its text */
		return;
	}
	while (*p == ' ')
		p++;
	char *end;
	long n = strtol(p, &end, 10);
	while (*end == ' ')
		end++;
	if (end != p && !*end && isdigit((unsigned char)*p) && n <= 1000)
		json_object_set_new(ans, key, json_integer(n));
	else
		json_object_set_new(ans, key, json_string(v));   /* rejected later, with its text */
}

json_t *
assess_answer_from_row(json_t *row)
{
	json_t *ans = json_object();
	json_object_set_new(ans, "type", json_string("answer"));
	static const char *text_cols[] = { "subject", "item" };
	for (size_t i = 0; i < 2; i++) {
		json_t *v = json_object_get(row, text_cols[i]);
		if (v)
			json_object_set(ans, text_cols[i], v);
	}
	cell_number(row, ans, "level", 1);
	cell_number(row, ans, "target", 0);
	/* mode and phase as the template wrote them: a choice's items carry
	 * their own, as on the NDJSON path; generation as the management
	 * questionnaire wrote it. */
	static const char *extra[] = { "mode", "phase", "evidence", "assessor", "date", "generation" };
	for (size_t i = 0; i < 6; i++) {
		json_t *v = json_object_get(row, extra[i]);
		if (v)
			json_object_set(ans, extra[i], v);
	}
	return ans;
}

/* A cell listing IDs ("R03,R04", "R03; R04") as an array of them. */
static json_t *
cell_list(const char *p)
{
	json_t *list = json_array();
	while (*p) {
		size_t n = strcspn(p, ";, \t");
		if (n) {
			json_t *r = json_stringn(p, n);
			json_array_append_new(list, r ? r : json_null());
		}
		p += n;
		if (*p)
			p++;
	}
	return list;
}

json_t *
assess_profile_from_row(json_t *row)
{
	json_t *prof = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(row, key, v) {
		if (strcmp(key, "role") == 0) {
			json_object_set_new(prof, key, cell_list(json_string_value(v)));
		} else if (strcmp(key, "persona") == 0) {
			/* One persona stays a string, as the NDJSON template writes it. */
			json_t *list = cell_list(json_string_value(v));
			if (json_array_size(list) == 1)
				json_object_set(prof, key, json_array_get(list, 0));
			else
				json_object_set(prof, key, list);
			json_decref(list);
		} else if (strcmp(key, "target") == 0) {
			cell_number(row, prof, "target", 0);
		} else {
			json_object_set(prof, key, v);
		}
	}
	return prof;
}
