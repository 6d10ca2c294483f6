/* render_tab.c - the tabular formats' common engine: records are sorted
 * into sections (a record type, or a type and kind the pipeline writes,
 * each with the columns a reader needs), spooled to a temporary file per
 * section while the columns, widths and alignment are measured, then read
 * back one record at a time for the backend to write. Each cell is made
 * once, on the first pass, and spooled with its record's line (read again
 * only when a backend asks for the record, or for a column that came after
 * it). Memory holds one record and the columns, whatever the input size. Cells are shown in
 * --lang: field values and IDs named from the data, numbers rounded as
 * the HTML report rounds them, arrays as readable text; --raw keeps the
 * keys and values as they are. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/strmap.h"

#include "render/render.h"

/* The columns of the kinds the pipeline writes; '@' columns are names
 * looked up from the data (or the profiles) for the ID beside them. */
static const struct { const char *type, *kind, *cols; } known[] = {
	{ "score", "item", "subject,@name,item,@item,class,current,target,mode,phase" },
	{ "score", "role", "subject,@name,role,@role,coverage,task_coverage,ks_coverage,mean,answered,items" },
	{ "score", "persona", "subject,@name,persona,@persona,coverage,task_coverage,ks_coverage,mean,answered,items" },
	{ "score", "directive", "subject,directive,@directive,display,level,n,items" },
	{ "score", "index", "subject,display,directives" },
	{ "score", "check", "subject,item,@check,level" },
	{ "gap", "item", "subject,@name,item,@item,class,current,target,gap,severity,mode,phase" },
	{ "gap", "subject", "subject,@name,items,at_target,gaps,gap_total,high,medium,low,top" },
	{ "gap", "group", "by,value,n,mean,share_at_target,task_coverage,ks_coverage,unanswered,dist,spof,nobody" },
	{ "gap", "directive", "subject,directive,@directive,current,target,target_mean,gap,flag1,flag2,tips" },
	{ "gap", "maturity", "subject,class,target,benchmark,level5,one_point,two_points" },
	{ "plan", "step", "subject,@name,step,resource,@resource,resource_kind,hours,closes,raises,reason,reasons" },
	{ "plan", "subject", "subject,@name,steps,hours,gaps,closed,gap_total,gap_closed,uncovered" },
	{ "plan", "hint", "subject,rank,directive,@directive,gap,text,tips" },
	{ "plan", "org_service", "subject,task,units,why,choose_from,services" },
	{ "plan", "org_dispatch", "subject,schemes" },
	{ "plan", "org_action", "subject,task,units,rule,action,text" },
	{ "maturity", NULL, "subject,industry,@industry,class,index,rule,benchmark,published,agrees" },
	{ NULL, NULL, NULL }
};

/* The record types the pipeline writes: their keys have headers and
 * their values words in --lang. Any other type is shown as written. */
static int
is_pipeline_type(const char *type)
{
	static const char *const types[] = { "score", "gap", "plan", "maturity", "profile", "answer",
		"meta", NULL };
	for (int i = 0; types[i]; i++)
		if (!strcmp(type, types[i]))
			return 1;
	return 0;
}

/* Decimals a number of this key is shown with; -1: as written (integers),
 * or at most 2 for other reals. */
static int
decimals_of(const char *key)
{
	static const char *const one[] = { "coverage", "share_at_target", "task_coverage",
		"ks_coverage", "target_mean", NULL };
	for (int i = 0; one[i]; i++)
		if (!strcmp(key, one[i]))
			return 1;
	if (!strcmp(key, "mean") || !strcmp(key, "index"))
		return 2;
	return -1;
}

/* Fields whose values are words of the label table. */
static int
is_enum(const char *key)
{
	static const char *const keys[] = { "class", "severity", "mode", "phase", "resource_kind",
		"rule", "by", "kind", "why", NULL };
	for (int i = 0; keys[i]; i++)
		if (!strcmp(key, keys[i]))
			return 1;
	return 0;
}

struct csf_tab {
	struct csf_tab_opts o;
	struct csf_tab_section *sec;
	size_t nsec;
	json_t *index;        /* section key -> number */
	strpool *names;       /* subject -> the name its profile gives */
	strpool *unnamed;     /* subject -> sections (bit i: section i, bit 63: any) whose
	                         '@name' cells were measured before its profile came (uint64_t) */
	size_t nunnamed;      /* subjects with such sections, their profile not come yet */
	int unnamed_all;      /* too many such subjects: a late name widens every '@name' */
	size_t count;
	int failed;
	csf_buf row;          /* the row being spooled */
	struct csf_tab_section *last;   /* the last record's section, its type and kind */
	char *last_type, *last_kind;
};

csf_tab *
csf_tab_new(const struct csf_tab_opts *o)
{
	csf_tab *t = xcalloc(1, sizeof *t);
	t->o = *o;
	t->index = json_object();
	t->names = strpool_new();
	t->unnamed = strpool_new();
	return t;
}

static void
add_column(struct csf_tab_section *s, const char *path)
{
	if (json_object_get(s->colset, path))
		return;
	json_object_set_new(s->colset, path, json_integer((json_int_t)s->ncols));
	s->cols = xrealloc(s->cols, (s->ncols + 1) * sizeof *s->cols);
	struct csf_tab_col *c = &s->cols[s->ncols++];
	memset(c, 0, sizeof *c);
	c->path = xstrdup(path);
	c->slot = s->ncols - 1;
	c->numeric = -1;
}

static void
add_columns(struct csf_tab_section *s, const json_t *list)
{
	size_t i;
	json_t *c;
	json_array_foreach(list, i, c)
		add_column(s, json_string_value(c));
}

/* The paths of a record's keys, objects nested as a.b ("type" left out). */
static void
collect(struct csf_tab_section *s, const json_t *obj, const char *prefix, int depth)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v) {
		if (!*prefix && (!strcmp(k, "type") || json_object_get(s->colset, k)))
			continue;   /* the section's name, or a column already (an object shown whole) */
		size_t np = strlen(prefix), nk = strlen(k);
		char *path = xmalloc(np + nk + 2), *q = path;
		memcpy(q, prefix, np);
		q += np;
		if (np)
			*q++ = '.';
		memcpy(q, k, nk + 1);
		if (json_is_object(v) && json_object_size(v) > 0 && !csf_is_langobj(v) && depth < 8)
			collect(s, v, path, depth + 1);
		else
			add_column(s, path);
		free(path);
	}
}

static struct csf_tab_section *section_new(csf_tab *t, const char *type, const json_t *rec);

/* The record's section: records come in runs of one type and kind, so
 * the last one's is tried first. */
static struct csf_tab_section *
section_of(csf_tab *t, const char *type, const json_t *rec)
{
	const char *kind = t->o.raw || t->o.columns ? NULL : csf_str(rec, "kind");
	if (t->last && !strcmp(t->last_type, type) && (kind ? t->last_kind && !strcmp(t->last_kind, kind) : !t->last_kind))
		return t->last;
	struct csf_tab_section *s = section_new(t, type, rec);
	free(t->last_type);
	free(t->last_kind);
	t->last_type = xstrdup(type);
	t->last_kind = kind ? xstrdup(kind) : NULL;
	t->last = s;
	return s;
}

static struct csf_tab_section *
section_new(csf_tab *t, const char *type, const json_t *rec)
{
	/* Raw, or columns chosen with -c: one section per type. */
	const char *kind = t->o.raw || t->o.columns ? NULL : csf_str(rec, "kind");
	const char *cols = NULL;
	for (int i = 0; !t->o.raw && known[i].type; i++)
		if (!strcmp(known[i].type, type) && (!known[i].kind || (kind && !strcmp(known[i].kind, kind)))) {
			cols = known[i].cols;
			if (!known[i].kind)
				kind = NULL;
			break;
		}
	if (!cols)
		kind = NULL;   /* a kind we have no columns for: one section for the type */
	char *key = csf_fmt("%s%s%.64s", type, kind ? "\037" : "", kind ? kind : "");
	json_t *ix = json_object_get(t->index, key);
	if (ix) {
		free(key);
		return &t->sec[json_integer_value(ix)];
	}
	t->sec = xrealloc(t->sec, (t->nsec + 1) * sizeof *t->sec);
	struct csf_tab_section *s = &t->sec[t->nsec];
	memset(s, 0, sizeof *s);
	s->type = xstrdup(type);
	snprintf(s->kind, sizeof s->kind, "%s", kind ? kind : "");
	s->colset = json_object();
	s->plain = t->o.raw || !is_pipeline_type(type);
	/* The index key is TYPE\037KIND: type "a.b" and type "a" kind "b"
	 * stay two sections. */
	json_object_set_new(t->index, key, json_integer((json_int_t)t->nsec++));
	free(key);
	if (s->plain)
		s->title = xstrdup(*type ? type : "-");
	else {
		char *id = csf_fmt("sec.%s%s%s", type, *s->kind ? "." : "", s->kind);
		const char *l = csf_label_find(id);
		s->title = xstrdup(l ? l : type);
		free(id);
	}
	s->spool = tmpfile();
	if (!s->spool) {
		csf_warn("temporary file: %s", csf_strerror(errno));
		t->failed = 1;
	}
	if (t->o.columns) {
		add_columns(s, t->o.columns);
		s->fixed = 1;
	} else if (cols) {
		/* The reader's columns first; keys of other records follow, so
		 * nothing a record says is lost. */
		json_t *list = csf_parse_columns(cols);
		add_columns(s, list);
		json_decref(list);
		json_object_set_new(s->colset, "kind", json_integer(-1));
		if (!strcmp(type, "plan") && kind && !strcmp(kind, "step"))
			json_object_set_new(s->colset, "name", json_integer(-1));   /* the resource's, named by @resource */
	}
	return s;
}

/* ---- cells ---- */

static char *
join_text(char *s, size_t *used, size_t *cap, const char *piece)
{
	size_t n = strlen(piece);
	if (*used + n + 1 > *cap) {
		*cap = 2 * (*used + n + 1);
		s = xrealloc(s, *cap);
	}
	memcpy(s + *used, piece, n + 1);
	*used += n;
	return s;
}

static void display_cell(const csf_tab *t, const char *key, const json_t *v, const json_t *rec, csf_cell *c);

/* %g of v: a whole number of up to 6 digits (a level) as its digits,
 * anything else through printf. */
static void
fmt_g(char out[32], double v)
{
	if (v > -1e6 && v < 1e6 && v == (double)(long)v && !(v == 0 && signbit(v))) {
		long u = labs((long)v);
		char tmp[8];
		size_t n = 0, k = 0;
		do
			tmp[n++] = (char)('0' + u % 10);
		while ((u /= 10) > 0);
		if (v < 0)
			out[k++] = '-';
		while (n > 0)
			out[k++] = tmp[--n];
		out[k] = '\0';
		return;
	}
	snprintf(out, 32, "%g", v);
}

/* An array as a reader would write it: "T006、T007"; numbers "26 / 34";
 * objects "S004 (3, 高)", their first value then the rest. */
static char *
array_text(const csf_tab *t, const char *key, const json_t *arr)
{
	size_t cap = 64, used = 0, i;
	char *s = xmalloc(cap);
	s[0] = '\0';
	json_t *x;
	int numbers = 1;
	json_array_foreach((json_t *)arr, i, x)
		numbers &= json_is_number(x);
	const char *sep = numbers ? " / " : json_is_object(json_array_get(arr, 0)) ? "; " : csf_label("list_sep");
	json_array_foreach((json_t *)arr, i, x) {
		if (i > 0)
			s = join_text(s, &used, &cap, sep);
		json_t *from = json_object_get(x, "from"), *to = json_object_get(x, "to");
		if (csf_str(x, "item") && json_is_number(from) && json_is_number(to)) {
			/* A move of csf-plan: "T019 1→3 (prerequisite)". */
			/* As snprintf of "%s %g%s%g%s%s%s" into 160 bytes, the
			 * levels without printf (most of csv's time on plans). */
			char buf[160], from_g[32], to_g[32];
			const char *why = csf_str(x, "why");
			fmt_g(from_g, json_number_value(from));
			fmt_g(to_g, json_number_value(to));
			const char *piece[] = { csf_str(x, "item"), " ", from_g, !strcmp(csf_opt.lang, "ja") ? "→" : " -> ",
				to_g, why ? " (" : "", why ? csf_label_value("why", why) : "", why ? ")" : "" };
			size_t n = 0;
			for (size_t k = 0; k < sizeof piece / sizeof *piece && n < sizeof buf - 1; k++) {
				size_t len = strlen(piece[k]);
				if (len > sizeof buf - 1 - n)
					len = sizeof buf - 1 - n;
				memcpy(buf + n, piece[k], len);
				n += len;
			}
			buf[n] = '\0';
			s = join_text(s, &used, &cap, buf);
		} else if (json_is_object(x) && !csf_is_langobj(x)) {
			const char *k;
			json_t *m;
			size_t j = 0;
			json_object_foreach(x, k, m) {
				csf_cell e;
				display_cell(t, k, m, x, &e);
				if (j == 1)
					s = join_text(s, &used, &cap, " (");
				else if (j > 1)
					s = join_text(s, &used, &cap, ", ");
				s = join_text(s, &used, &cap, e.text);
				csf_cell_free(&e);
				j++;
			}
			if (j > 1)
				s = join_text(s, &used, &cap, ")");
		} else {
			csf_cell e;
			display_cell(t, key, x, NULL, &e);
			s = join_text(s, &used, &cap, e.text);
			csf_cell_free(&e);
		}
	}
	return s;
}

static void
display_cell(const csf_tab *t, const char *key, const json_t *v, const json_t *rec, csf_cell *c)
{
	(void)rec;
	c->borrowed = 0;
	if (json_is_number(v) && !json_is_integer(v)) {
		int d = decimals_of(key);
		double x = csf_round(json_real_value(v), d < 0 ? 2 : d);
		char buf[CSF_FIXED_MAX + 1];
		size_t n;
		if (d < 0 && !(fabs(x) < 1e12))
			n = (size_t)snprintf(buf, sizeof buf, "%.15g", x);
		else {
			/* As %.*f, or as %.15g writes a value of 2 decimals below
			 * 1e12: %.2f without its trailing zeros. */
			n = csf_fmt_fixed(buf, x, d < 0 ? 2 : d);
			if (d < 0) {
				while (buf[n - 1] == '0')
					n--;
				if (buf[n - 1] == '.')
					n--;
			}
		}
		buf[n] = '\0';
		c->kind = CSF_CELL_NUMBER;
		c->num = x;
		c->text = xstrdup(buf);
	} else if (json_is_boolean(v)) {
		c->kind = CSF_CELL_BOOL;
		c->num = json_is_true(v);
		c->text = (char *)csf_label(json_is_true(v) ? "bool.true" : "bool.false");
		c->borrowed = 1;
	} else if (json_is_string(v) && !strcmp(key, "reason")) {
		c->kind = CSF_CELL_STRING;
		c->text = csf_reason_text(v);
	} else if (json_is_object(v) && !strcmp(key, "reason")) {
		c->kind = CSF_CELL_STRING;
		c->text = csf_reason_text(v);
	} else if (json_is_string(v) && is_enum(key)) {
		c->kind = CSF_CELL_STRING;
		c->text = (char *)csf_label_value(key, json_string_value(v));
		c->borrowed = 1;
	} else if (json_is_array(v)) {
		c->kind = json_array_size(v) ? CSF_CELL_STRING : CSF_CELL_EMPTY;
		c->text = array_text(t, key, v);
	} else
		csf_cell_of(v, c);
}

/* A name for the ID in the column before an '@' column. */
static const char *
derived(const csf_tab *t, const char *what, const json_t *rec)
{
	if (!strcmp(what, "name")) {
		const char *subject = csf_str(rec, "subject");
		return subject ? strpool_get(t->names, subject) : NULL;
	}
	if (!strcmp(what, "resource")) {
		const char *n = csf_name_of("resource", csf_str(rec, "resource"));
		return *n ? n : csf_str(rec, "name");
	}
	if (!strcmp(what, "check"))
		return csf_name_of("check", csf_str(rec, "item"));
	if (!strcmp(what, "industry")) {
		json_t *ind = json_object_get(rec, "industry");
		return csf_name_of("industry", json_is_string(ind) ? json_string_value(ind) : csf_str(ind, "id"));
	}
	return csf_name_of(what, csf_str(rec, what));
}

/* The cell of the column at path; *name_of set when it is the name a
 * profile gives the record's subject, which a later profile may still
 * give (the second pass looks it up again). */
static void
cell_at(const csf_tab *t, const struct csf_tab_section *s, const char *path, const json_t *rec,
    csf_cell *c, const char **name_of)
{
	c->num = 0;
	c->borrowed = 0;
	if (name_of)
		*name_of = NULL;
	if (s->plain) {
		csf_cell_of(csf_path_get(rec, path), c);
		return;
	}
	if (path[0] == '@' && !json_object_get(rec, path)) {
		const char *name = derived(t, path + 1, rec);
		c->kind = name && *name ? CSF_CELL_STRING : CSF_CELL_EMPTY;
		c->text = (char *)(name ? name : "");
		c->borrowed = 1;
		if (name_of && !strcmp(path, "@name"))
			*name_of = csf_str(rec, "subject");
		return;
	}
	const char *dot = strrchr(path, '.');
	display_cell(t, dot ? dot + 1 : path, csf_path_get(rec, path), rec, c);
}

void
csf_tab_cell(const csf_tab *t, const struct csf_tab_section *s, size_t col, const json_t *rec, csf_cell *c)
{
	cell_at(t, s, s->cols[col].path, rec, c, NULL);
}

const char *
csf_tab_header(const csf_tab *t, const struct csf_tab_section *s, size_t col)
{
	(void)t;
	if (s->plain)
		return s->cols[col].path;
	char id[96];
	size_t nt = strlen(s->type), np = strlen(s->cols[col].path);
	const char *l = id;
	if (nt + 1 + np < sizeof id) {
		memcpy(id, s->type, nt);
		id[nt] = '.';
		memcpy(id + nt + 1, s->cols[col].path, np + 1);
		l = csf_label_column(id);
	}
	if (l == id)
		l = csf_label_column(s->cols[col].path);
	return l;
}

/* ---- input ---- */

/* The width a cell takes on a terminal, cut as the table cuts it. */
static void
measure(struct csf_tab_col *col, const char *text, size_t max_width)
{
	size_t n = csf_printable_ascii(text);
	if (!text[n]) {   /* shown as it is, a column a byte */
		if (max_width >= 4 && n > max_width)
			n = max_width;
		if (n > col->width)
			col->width = n;
		return;
	}
	char *term = csf_term_text(text);
	size_t w = csf_display_width(term);
	if (max_width >= 4 && w > max_width)
		csf_width_prefix(term, max_width - 3, &w), w += 3;
	if (w > col->width)
		col->width = w;
	free(term);
}

/* Subjects named this late are few; past this many, a late name widens
 * every '@name' column instead of only those its subject is in. */
#define UNNAMED_MAX 65536

/* A '@name' cell measured empty: its subject's profile may come later, and
 * the second pass shows the name then, so the width must be taken then. */
static void
note_unnamed(csf_tab *t, const struct csf_tab_section *s, const char *subject)
{
	size_t i = (size_t)(s - t->sec);
	uint64_t *bits = strpool_get(t->unnamed, subject);
	if ((!bits || !*bits) && t->nunnamed >= UNNAMED_MAX) {
		t->unnamed_all = 1;
		return;
	}
	if (!bits) {
		uint64_t none = 0;
		bits = strpool_put(t->unnamed, subject, &none, sizeof none, NULL);
	}
	if (!*bits)
		t->nunnamed++;
	*bits |= (uint64_t)1 << (i < 63 ? i : 63);
}

/* A profile names a subject: the '@name' columns measured without it. */
static void
measure_late_name(csf_tab *t, const char *subject, const char *name)
{
	uint64_t *bits = strpool_get(t->unnamed, subject), b = bits ? *bits : 0;
	if (!b && !t->unnamed_all)
		return;
	for (size_t i = 0; i < t->nsec; i++) {
		if (!t->unnamed_all && !(b & ((uint64_t)1 << (i < 63 ? i : 63))))
			continue;
		struct csf_tab_section *s = &t->sec[i];
		for (size_t c = 0; c < s->ncols; c++) {
			if (strcmp(s->cols[c].path, "@name"))
				continue;
			s->cols[c].used = 1;
			if (t->o.widths)
				measure(&s->cols[c], name, t->o.max_width);
		}
	}
	if (b) {   /* the entry stays (a pool only grows), empty */
		*bits = 0;
		t->nunnamed--;
	}
}

/* Has rec the keys, in order, of the section's last record, and none of
 * them an object? Then collect has nothing to add: every such key is a
 * column already. Records of a kind mostly do. Else the keys are kept
 * for the next record (when none is an object). */
static int
same_keys(struct csf_tab_section *s, const json_t *rec)
{
	const char *k, *p = s->keys.n ? s->keys.p : "", *end = p + s->keys.n;
	json_t *v;
	int same = s->keys.n > 0;
	json_object_foreach((json_t *)rec, k, v) {
		if (json_is_object(v)) {
			s->keys.n = 0;
			return 0;
		}
		if (same) {
			size_t n = strlen(k) + 1;
			if ((size_t)(end - p) < n || memcmp(p, k, n))
				same = 0;
			else
				p += n;
		}
	}
	if (same && p == end)
		return 1;
	s->keys.n = 0;
	json_object_foreach((json_t *)rec, k, v)
		csf_buf_put(&s->keys, k, strlen(k) + 1);
	if (s->keys.n == 0)
		csf_buf_putc(&s->keys, '\0');   /* {} too has its keys */
	return 0;
}

/* ---- the spool ----
 * A row: its size, the record's line and a NUL, the number of cells, then each
 * cell: its kind, its number (numbers and booleans), its text with a NUL.
 * A name from a profile is spooled as the subject it names (NAME_OF). */
enum { NAME_OF = 0xff };

static void
put_u32(csf_buf *b, uint32_t v)
{
	csf_buf_put(b, (const char *)&v, sizeof v);
}

static void
put_text(csf_buf *b, const char *text)
{
	size_t n = strlen(text) + 1;
	put_u32(b, (uint32_t)n);
	csf_buf_put(b, text, n);
}

void
csf_tab_add(csf_tab *t, const char *type, const json_t *rec, const char *line, size_t len)
{
	if (t->failed)
		return;
	const char *kind = csf_str(rec, "kind");
	if (t->o.kinds && !csf_in_list(t->o.kinds, kind ? kind : ""))
		return;
	const char *named = strcmp(type, "profile") ? NULL : csf_str(rec, "subject"),
	    *name = named ? csf_str(rec, "name") : NULL;
	if (name) {
		int created;
		strpool_put(t->names, named, name, strlen(name) + 1, &created);
		if (created)
			measure_late_name(t, named, name);
	}
	struct csf_tab_section *s = section_of(t, type, rec);
	if (t->failed)
		return;
	if (!s->fixed && !same_keys(s, rec))
		collect(s, rec, "", 0);
	s->nrows++;
	t->count++;
	csf_buf *b = &t->row;
	b->n = 0;
	csf_buf_put(b, "\0\0\0\0\0\0\0\0", sizeof (size_t));   /* the row's size, below */
	csf_buf_put(b, (const char *)&len, sizeof len);
	csf_buf_put(b, line, len);
	csf_buf_putc(b, '\0');
	put_u32(b, (uint32_t)s->ncols);
	/* Alignment and widths, measured now so the second pass can stream. */
	for (size_t c = 0; c < s->ncols; c++) {
		struct csf_tab_col *col = &s->cols[c];
		csf_cell cell;
		const char *subject;
		cell_at(t, s, col->path, rec, &cell, &subject);
		if (cell.kind == CSF_CELL_NUMBER && col->numeric != 0)
			col->numeric = 1;
		else if (cell.kind != CSF_CELL_EMPTY)
			col->numeric = 0;
		if (cell.kind != CSF_CELL_EMPTY)
			col->used = 1;
		else if (subject)   /* a profile's name, not given yet */
			note_unnamed(t, s, subject);
		if (t->o.widths)
			measure(col, cell.text, t->o.max_width);
		if (subject) {
			csf_buf_putc(b, (char)NAME_OF);
			put_text(b, subject);
		} else {
			csf_buf_putc(b, (char)cell.kind);
			if (cell.kind == CSF_CELL_NUMBER || cell.kind == CSF_CELL_BOOL)
				csf_buf_put(b, (const char *)&cell.num, sizeof cell.num);
			put_text(b, cell.text);
		}
		csf_cell_free(&cell);
	}
	size_t size = b->n - sizeof size;
	memcpy(b->p, &size, sizeof size);
	fwrite(b->p, 1, b->n, s->spool);
}

/* The records of a held document, as the tabular formats would show them:
 * the html and pdf reports' tables of the records no section shows. */
csf_tab *
csf_tab_of_doc(const csf_doc *d)
{
	struct csf_tab_opts to = { 0 };
	csf_tab *t = csf_tab_new(&to);
	for (size_t i = 0; i < d->ngroups; i++) {
		const csf_group *g = &d->groups[i];
		size_t r;
		json_t *rec;
		json_array_foreach(g->records, r, rec) {
			char *text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
			csf_tab_add(t, g->type, rec, text, strlen(text));
			free(text);
		}
	}
	return t;
}

size_t
csf_tab_count(const csf_tab *t)
{
	return t->count;
}

size_t
csf_tab_sections(const csf_tab *t)
{
	return t->nsec;
}

json_t *
csf_tab_rec(struct csf_tab_row *r)
{
	if (!r->rec)
		r->rec = csf_build_json(r->line, r->len);
	return r->rec;
}

int
csf_tab_each(csf_tab *t, const struct csf_tab_backend *b, void *ctx)
{
	if (t->failed)
		return 1;
	int status = 0;
	for (size_t i = 0; i < t->nsec && !status; i++) {
		struct csf_tab_section *s = &t->sec[i];
		/* A name column nobody has a name for is left out. */
		size_t keep = 0;
		for (size_t c = 0; c < s->ncols; c++) {
			if (!t->o.raw && !t->o.columns && s->cols[c].path[0] == '@' && !s->cols[c].used) {
				free(s->cols[c].path);
				continue;
			}
			s->cols[keep++] = s->cols[c];
		}
		s->ncols = keep;
		for (size_t c = 0; c < s->ncols; c++) {
			struct csf_tab_col *col = &s->cols[c];
			col->numeric = col->numeric == 1;
			if (t->o.widths)
				measure(col, csf_tab_header(t, s, c), t->o.max_width);
		}
		if (b->begin && (status = b->begin(ctx, t, s, i)))
			break;
		if (fflush(s->spool) || fseek(s->spool, 0, SEEK_SET)) {
			csf_warn("temporary file: %s", csf_strerror(errno));
			return 1;
		}
		size_t size, cap = 0, ncells = 0;
		char *text = NULL;
		csf_cell *cells = NULL, *shown = xcalloc(s->ncols + 1, sizeof *shown);
		struct csf_tab_row r = { NULL, NULL, 0, NULL };
		while (!status && fread(&size, sizeof size, 1, s->spool) == 1) {
			if (size > cap) {
				cap = 2 * size;
				text = xrealloc(text, cap);
			}
			if (fread(text, 1, size, s->spool) != size)
				break;
			const char *p = text;
			memcpy(&r.len, p, sizeof r.len);
			r.line = p += sizeof r.len;
			p += r.len + 1;
			uint32_t n;
			memcpy(&n, p, sizeof n);
			p += sizeof n;
			if (n > ncells)
				cells = xrealloc(cells, (ncells = n) * sizeof *cells);
			for (uint32_t c = 0; c < n; c++) {
				csf_cell *e = &cells[c];
				unsigned char k = (unsigned char)*p++;
				e->num = 0;
				if (k == CSF_CELL_NUMBER || k == CSF_CELL_BOOL) {
					memcpy(&e->num, p, sizeof e->num);
					p += sizeof e->num;
				}
				uint32_t m;
				memcpy(&m, p, sizeof m);
				e->text = (char *)p + sizeof m;
				p += sizeof m + m;
				if (k == NAME_OF) {
					/* The name as the profiles read by now give it. */
					const char *name = strpool_get(t->names, e->text);
					e->kind = name && *name ? CSF_CELL_STRING : CSF_CELL_EMPTY;
					e->text = (char *)(name ? name : "");
				} else
					e->kind = (csf_cell_kind)k;
			}
			/* The section's columns in order; one that came after this
			 * record was read is made from the record now. */
			size_t late = 0;
			for (size_t c = 0; c < s->ncols; c++) {
				size_t slot = s->cols[c].slot;
				if (slot < n)
					shown[c] = cells[slot];
				else {
					cell_at(t, s, s->cols[c].path, csf_tab_rec(&r), &shown[c], NULL);
					late = 1;
				}
			}
			r.cells = shown;
			status = b->row(ctx, t, s, &r);
			for (size_t c = 0; late && c < s->ncols; c++)
				if (s->cols[c].slot >= n)
					csf_cell_free(&shown[c]);
			json_decref(r.rec);
			r.rec = NULL;
		}
		free(shown);
		free(cells);
		free(text);
		if (ferror(s->spool)) {
			csf_warn("temporary file: read failed");
			status = 1;
		}
		if (!status && b->end)
			status = b->end(ctx, t, s);
	}
	return status;
}

void
csf_tab_free(csf_tab *t)
{
	for (size_t i = 0; i < t->nsec; i++) {
		struct csf_tab_section *s = &t->sec[i];
		for (size_t c = 0; c < s->ncols; c++)
			free(s->cols[c].path);
		free(s->cols);
		free(s->title);
		free(s->type);
		json_decref(s->colset);
		csf_buf_free(&s->keys);
		if (s->spool)
			fclose(s->spool);
	}
	free(t->sec);
	free(t->last_type);
	free(t->last_kind);
	csf_buf_free(&t->row);
	json_decref(t->index);
	strpool_free(t->names);
	strpool_free(t->unnamed);
	free(t);
}
