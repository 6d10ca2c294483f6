/* render_doc.c - the input of csf-render collected by record type, the
 * columns of each type (given or inferred) and the text of one cell. The
 * tabular backends (table, md, csv, xlsx, html) all read records this way,
 * so a value looks the same in every format. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

csf_doc *
csf_doc_new(void)
{
	csf_doc *d = xcalloc(1, sizeof *d);
	d->index = json_object();
	return d;
}

csf_group *
csf_doc_group(const csf_doc *d, const char *type)
{
	json_t *i = json_object_get(d->index, type);
	return i ? &d->groups[json_integer_value(i)] : NULL;
}

csf_group *
csf_doc_touch(csf_doc *d, const char *type)
{
	csf_group *g = csf_doc_group(d, type);
	if (!g) {
		d->groups = xrealloc(d->groups, (d->ngroups + 1) * sizeof *d->groups);
		g = &d->groups[d->ngroups];
		g->type = xstrdup(type);
		g->records = json_array();
		g->columns = json_array();
		json_object_set_new(d->index, type, json_integer((json_int_t)d->ngroups));
		d->ngroups++;
	}
	return g;
}

void
csf_doc_add(csf_doc *d, const char *type, json_t *rec)
{
	json_array_append_new(csf_doc_touch(d, type)->records, rec);
}

size_t
csf_doc_count(const csf_doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->ngroups; i++)
		n += json_array_size(d->groups[i].records);
	return n;
}

void
csf_doc_free(csf_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->ngroups; i++) {
		json_decref(d->groups[i].records);
		json_decref(d->groups[i].columns);
		free(d->groups[i].type);
	}
	free(d->groups);
	json_decref(d->index);
	free(d);
}

int
csf_is_langobj(const json_t *v)
{
	if (!json_is_object(v) || json_object_size(v) == 0)
		return 0;
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)v, k, x) {
		if ((strcmp(k, "ja") && strcmp(k, "en")) || !json_is_string(x))
			return 0;
	}
	return 1;
}

/* Add the paths of obj's keys under prefix to seen (an ordered set). */
static void
collect_paths(const json_t *obj, const char *prefix, json_t *seen, int depth)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v) {
		if (!*prefix && !strcmp(k, "type"))
			continue;   /* the group's name already */
		size_t n = strlen(prefix) + strlen(k) + 2;
		char *path = xmalloc(n);
		snprintf(path, n, "%s%s%s", prefix, *prefix ? "." : "", k);
		/* Objects nest as a.b columns; a language object, an empty one or
		 * one past a sane depth stays a single cell. */
		if (json_is_object(v) && json_object_size(v) > 0 && !csf_is_langobj(v) && depth < 8)
			collect_paths(v, path, seen, depth + 1);
		else if (!json_object_get(seen, path))
			json_object_set_new(seen, path, json_true());
		free(path);
	}
}

void
csf_doc_columns(csf_doc *d, const json_t *given)
{
	for (size_t i = 0; i < d->ngroups; i++) {
		csf_group *g = &d->groups[i];
		json_array_clear(g->columns);
		if (given) {
			json_array_extend(g->columns, (json_t *)given);
			continue;
		}
		json_t *seen = json_object();
		size_t j;
		json_t *rec;
		json_array_foreach(g->records, j, rec)
			collect_paths(rec, "", seen, 0);
		const char *k;
		json_t *v;
		json_object_foreach(seen, k, v)
			json_array_append_new(g->columns, json_string(k));
		json_decref(seen);
	}
}

json_t *
csf_path_get(const json_t *rec, const char *path)
{
	if (!json_is_object(rec))
		return NULL;
	json_t *v = json_object_get(rec, path);
	if (v)
		return v;
	/* "a.b.c": try "a" then "a.b" as the first key. */
	for (const char *dot = strchr(path, '.'); dot; dot = strchr(dot + 1, '.')) {
		size_t n = (size_t)(dot - path);
		v = json_object_getn(rec, path, n);
		if (json_is_object(v)) {
			json_t *r = csf_path_get(v, dot + 1);
			if (r)
				return r;
		}
	}
	return NULL;
}

json_t *
csf_parse_columns(const char *list)
{
	json_t *cols = json_array();
	for (const char *p = list; ; ) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0) {
			csf_warn("--columns: empty column name in '%s'", list);
			json_decref(cols);
			return NULL;
		}
		json_array_append_new(cols, json_stringn(p, len));
		if (!comma)
			break;
		p = comma + 1;
	}
	return cols;
}

void
csf_number_text(const json_t *v, char *buf, size_t n)
{
	if (json_is_integer(v)) {
		/* Digits from the right, without printf: a cell per number. */
		json_int_t i = json_integer_value(v);
		unsigned long long u = i < 0 ? 0 - (unsigned long long)i : (unsigned long long)i;
		char d[24], *q = d + sizeof d;
		*--q = '\0';
		do
			*--q = (char)('0' + u % 10);
		while ((u /= 10) > 0);
		if (i < 0)
			*--q = '-';
		size_t len = (size_t)(d + sizeof d - 1 - q);
		if (len >= n)
			len = n - 1;
		memcpy(buf, q, len);
		buf[len] = '\0';
		return;
	}
	/* As jansson prints reals at 15 digits: always with a '.' or exponent. */
	snprintf(buf, n, "%.15g", json_real_value(v));
	if (!strpbrk(buf, ".eEn"))
		strncat(buf, ".0", n - strlen(buf) - 1);
}

static int
scalar(const json_t *v)
{
	return json_is_string(v) || json_is_number(v) || json_is_boolean(v) ||
	    json_is_null(v) || csf_is_langobj(v);
}

void
csf_cell_of(const json_t *v, csf_cell *c)
{
	char buf[64];
	c->num = 0;
	c->borrowed = 0;
	if (!v || json_is_null(v)) {
		c->kind = CSF_CELL_EMPTY;
		c->text = (char *)"";
		c->borrowed = 1;
	} else if (json_is_string(v)) {
		c->kind = CSF_CELL_STRING;
		c->text = (char *)json_string_value(v);
		c->borrowed = 1;
	} else if (json_is_number(v)) {
		c->kind = CSF_CELL_NUMBER;
		c->num = json_number_value(v);
		csf_number_text(v, buf, sizeof buf);
		c->text = xstrdup(buf);
	} else if (json_is_boolean(v)) {
		c->kind = CSF_CELL_BOOL;
		c->num = json_is_true(v);
		c->text = (char *)(json_is_true(v) ? "true" : "false");
		c->borrowed = 1;
	} else if (csf_is_langobj(v)) {
		c->kind = CSF_CELL_STRING;
		c->text = (char *)csf_text(v);
		c->borrowed = 1;
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		int all_scalar = 1;
		json_array_foreach((json_t *)v, i, x)
			all_scalar &= scalar(x);
		if (!all_scalar)
			goto as_json;
		/* Scalars joined with ';' read well in a cell and split easily. */
		size_t cap = 64, used = 0;
		char *s = xmalloc(cap);
		s[0] = '\0';
		json_array_foreach((json_t *)v, i, x) {
			csf_cell e;
			csf_cell_of(x, &e);
			size_t n = strlen(e.text);
			if (used + n + 2 > cap) {
				cap = 2 * (used + n + 2);
				s = xrealloc(s, cap);
			}
			if (i > 0)
				s[used++] = ';';
			memcpy(s + used, e.text, n + 1);
			used += n;
			csf_cell_free(&e);
		}
		c->kind = CSF_CELL_STRING;
		c->text = s;
	} else {
as_json:
		c->kind = CSF_CELL_JSON;
		c->text = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY);
		if (!c->text)
			c->text = xstrdup("");
	}
}

void
csf_cell_free(csf_cell *c)
{
	if (!c->borrowed)
		free(c->text);
	c->text = NULL;
}
