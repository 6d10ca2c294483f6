/* roles.c - find roles, personas and the like by ID, number or name, so
 * a user can type `--role 3`, `--role 監視` or `--role monitoring`. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csf.h"
#include "tks/roles.h"

const char *
csf_strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return hay;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

static int
has_prefix(const char *s, const char *prefix)
{
	return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int
all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static const char *
name_in(const json_t *rec, const char *lang)
{
	return csf_str(json_object_get(rec, "name"), lang);
}

/* A unique prefix of an ID or a name picks a record ("R" is a prefix of
 * every role ID, so it picks none). */
static int
prefix_match(const json_t *rec, const char *key)
{
	return has_prefix(csf_str(rec, "id"), key) || has_prefix(name_in(rec, "ja"), key) ||
	       has_prefix(name_in(rec, "en"), key);
}

/* "  R03  監視  Monitoring" */
static void
list_candidate(const json_t *rec)
{
	const char *id = csf_str(rec, "id"), *ja = name_in(rec, "ja"), *en = name_in(rec, "en");
	fprintf(stderr, "  %s  %s  %s\n", id ? id : "?", ja ? ja : "", en ? en : "");
}

/* Does REC's ID or name equal KEY (the ID and English name in any case)? */
static int
names(const json_t *rec, const char *key)
{
	const char *id = csf_str(rec, "id"), *ja = name_in(rec, "ja"), *en = name_in(rec, "en");
	return (id && strcasecmp(id, key) == 0) || (ja && strcmp(ja, key) == 0) ||
	       (en && strcasecmp(en, key) == 0);
}

json_t *
csf_lookup(const char *type, const char *key, const char *opt)
{
	json_t *all, *rec, *found = NULL;
	size_t i, nprefix = 0, n = csf_data_count(type);

	if (!*key) {
		csf_warn("%s: an empty name matches nothing", opt);
		return NULL;
	}
	if (n == 0) {
		csf_warn("%s '%s': no %s records in %s", opt, key, type, csf_datadir());
		return NULL;
	}
	int number = strcmp(type, "role") == 0 && all_digits(key);
	if (!number) {
		/* An ID: the IDs were read when the file was, so only the
		 * records before it are decoded, to see that none of them has
		 * KEY for a name (the first that matches wins). */
		size_t at = n;
		for (i = 0; i < n && at == n; i++) {
			const char *id = csf_data_id(type, i);
			if (id && strcasecmp(id, key) == 0)
				at = i;
		}
		for (i = 0; i < at && at < n; i++)
			if (names(rec = csf_data_at(type, i), key))
				return rec;
		if (at < n)
			return csf_data_at(type, at);
	}
	all = csf_data_all(type);
	if (number) {
		long no = strtol(key, NULL, 10);
		json_array_foreach(all, i, rec)
			if (json_integer_value(json_object_get(rec, "no")) == no)
				return rec;
	}
	json_array_foreach(all, i, rec) {
		if (names(rec, key))
			return rec;
		if (prefix_match(rec, key)) {
			found = rec;
			nprefix++;
		}
	}
	if (nprefix == 1)
		return found;
	fflush(stdout);
	if (nprefix > 1) {
		csf_warn("%s '%s': ambiguous, it could be:", opt, key);
		json_array_foreach(all, i, rec)
			if (prefix_match(rec, key))
				list_candidate(rec);
	} else {
		csf_warn("%s '%s': no such %s; one of:", opt, key, type);
		json_array_foreach(all, i, rec)
			list_candidate(rec);
	}
	return NULL;
}

int
csf_has_role(const json_t *rec, const char *role_id)
{
	return csf_array_has(json_object_get(rec, "roles"), role_id);
}

/* Does one {"ja","en"} text contain needle? */
static int
text_mentions(const json_t *t, const char *needle)
{
	static const char *const langs[] = { "ja", "en" };
	for (int l = 0; l < 2; l++) {
		const char *s = csf_str(t, langs[l]);
		if (s && csf_strcasestr(s, needle))
			return 1;
	}
	return 0;
}

int
csf_mentions(const json_t *rec, const char *needle)
{
	/* "org" names a dispatch scheme's provider; sub-types are part of
	 * what a service type is called. */
	static const char *const keys[] = { "name", "text", "org" };
	for (int k = 0; k < 3; k++)
		if (text_mentions(json_object_get(rec, keys[k]), needle))
			return 1;
	size_t i;
	json_t *sub;
	json_array_foreach(json_object_get(rec, "subtypes"), i, sub)
		if (text_mentions(json_object_get(sub, "name"), needle))
			return 1;
	return 0;
}
