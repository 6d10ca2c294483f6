/* render_html_org.c - the organisation: roles by department as a heat
 * table, the figures of each csf-gap --by grouping, and the single points
 * of failure and items nobody holds, folded per group on screen (and
 * unfolded in print). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "render/render_html.h"

/* ---- the organisation: heat map, department figures, single points of failure ---- */

/* An item's text in --lang, looked up once per item for the run (every
 * person's tables name the same items; the data stay loaded), and
 * escaped once when written into a section. */
struct item_text {
	const char *text;
	char *html;
	size_t len;
	char *span;         /* <span title="text">ID</span>, made once */
	size_t span_len;
};

static struct item_text *
item_text_of(const char *id)
{
	static strmap *known;
	static struct csf_idcache recent;
	uint64_t w;
	unsigned at;
	int cached = csf_idcache_word(id, &w, &at);
	if (cached && recent.key[at] == w)
		return recent.val[at];
	if (!known)
		known = strmap_new();
	int created;
	void **slot = strmap_slot(known, id, &created);
	if (created) {
		struct item_text *t = xcalloc(1, sizeof *t);
		json_t *it = csf_data_item(id);
		t->text = it ? csf_text(json_object_get(it, "text")) : "";
		*slot = t;
	}
	if (cached) {
		recent.key[at] = w;
		recent.val[at] = *slot;
	}
	return *slot;
}

const char *
html_item_text(const char *id)
{
	return item_text_of(id)->text;
}

void
html_put_item_text(csf_buf *b, const char *id)
{
	struct item_text *t = item_text_of(id);
	if (!t->html) {
		csf_buf h = { 0 };
		csf_buf_html(&h, t->text);
		t->len = h.n;
		csf_buf_putc(&h, '\0');
		t->html = h.p;
	}
	csf_buf_put(b, t->html, t->len);
}

void
html_put_item_span(csf_buf *b, const char *id)
{
	struct item_text *t = item_text_of(id);
	if (!t->span) {
		csf_buf h = { 0 };
		csf_buf_lit(&h, "<span title=\"");
		html_put_item_text(&h, id);
		csf_buf_lit(&h, "\">");
		csf_buf_html(&h, id);
		csf_buf_lit(&h, "</span>");
		t->span_len = h.n;
		t->span = h.p;
	}
	csf_buf_put(b, t->span, t->span_len);
}

/* "R03 監視" for a role ID, the ID alone when the data lack it. */
void
html_buf_role(csf_buf *b, const char *id)
{
	json_t *role = csf_data_find("role", id);
	csf_buf_html(b, id);
	const char *name = role ? csf_text(json_object_get(role, "name")) : "";
	if (*name) {
		csf_buf_putc(b, ' ');
		csf_buf_html(b, name);
	}
}

void
html_role(FILE *f, const char *id)
{
	char stack[512];
	csf_buf b = CSF_BUF_ON(stack);
	html_buf_role(&b, id);
	csf_buf_write(&b, f);
	csf_buf_free(&b);
}

void
html_cell_num(FILE *f, const json_t *rec, const char *key, int decimals)
{
	json_t *v = json_object_get(rec, key);
	fputs("<td class=\"num\">", f);
	if (json_is_number(v))
		html_num(f, json_number_value(v), decimals);
	fputs("</td>", f);
}

/* A group's list at key ("spof": {item, holder} objects; "nobody": item
 * IDs) as a <details> block: summary "部署: 総務部 (21件)", then the items. */
static void
group_items(FILE *f, const struct csf_report *r, const char *key, int with_holder)
{
	size_t i, j;
	json_t *g, *e;
	int any = 0;
	json_array_foreach(r->groups, i, g)
		any |= json_array_size(json_object_get(g, key)) > 0;
	if (!any)
		return;
	fprintf(f, "<h3>%s</h3>\n", L(key));
	json_array_foreach(r->groups, i, g) {
		json_t *list = json_object_get(g, key);
		if (json_array_size(list) == 0)
			continue;
		char n[32];
		snprintf(n, sizeof n, "%zu", json_array_size(list));
		fputs("<details class=\"group-items\"><summary>", f);
		csf_put_html(f, html_field_word("by", csf_str(g, "by")));
		fputs(": ", f);
		csf_put_html(f, csf_str(g, "value") ? csf_str(g, "value") : "");
		fputs(" (", f);
		html_labelf(f, "n_items", n);
		fprintf(f, ")</summary>\n<div class=\"scroll\"><table class=\"%s\">\n<thead><tr><th>%s</th><th>%s</th>", key, L("item"), L("text"));
		if (with_holder)
			fprintf(f, "<th>%s</th>", L("holder"));
		fputs("</tr></thead>\n<tbody>\n", f);
		json_array_foreach(list, j, e) {
			const char *item = with_holder ? csf_str(e, "item") : json_string_value(e);
			fputs("<tr><td class=\"id\">", f);
			csf_put_html(f, item ? item : "");
			fputs("</td><td>", f);
			csf_put_html(f, item ? html_item_text(item) : "");
			fputs("</td>", f);
			if (with_holder) {
				const char *holder = csf_str(e, "holder");
				fputs("<td>", f);
				csf_put_html(f, holder ? holder : "");
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n</details>\n", f);
	}
}

void
html_org_section(FILE *f, const struct csf_report *r, int id)
{
	const struct csf_heat *h = &r->heat;
	fprintf(f, "<section id=\"s%d\" class=\"org\">\n<h2>%s</h2>\n", id, L("org"));
	if (h->nrows > 0 && h->ncols > 0) {
		/* The heat map as a table: readable, searchable, printable. */
		fprintf(f, "<h3>%s</h3>\n<div class=\"scroll\"><table class=\"heat\">\n<thead><tr><th></th>", L("heat_title"));
		for (size_t c = 0; c < h->ncols; c++) {
			fputs("<th>", f);
			csf_put_html(f, h->cols[c]);
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t row = 0; row < h->nrows; row++) {
			fputs("<tr><th>", f);
			csf_put_html(f, h->rows[row]);
			fputs("</th>", f);
			for (size_t c = 0; c < h->ncols; c++) {
				double v = h->v[row * h->ncols + c];
				if (isnan(v)) {
					fputs("<td></td>", f);
					continue;
				}
				char colour[8];
				csf_svg_scale_colour(v, 0, 100, colour);
				fprintf(f, "<td class=\"num\" style=\"background:%s\" title=\"n=%d\">", colour,
				    h->n[row * h->ncols + c]);
				html_num(f, v, 0);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fprintf(f, "</tbody>\n</table></div>\n<p class=\"muted\">%s</p>\n", L("heat_note"));
	}
	/* Group figures of csf-gap --by, one table per grouping field. */
	json_t *fields = json_object();
	size_t i;
	json_t *g;
	json_array_foreach(r->groups, i, g)
		json_object_set_new(fields, csf_str(g, "by"), json_true());
	const char *by;
	json_t *unused;
	json_object_foreach(fields, by, unused) {
		fputs("<h3>", f);
		html_labelf(f, "by_n", html_field_word("by", by));
		fprintf(f, "</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		    L("group"), L("people"), L("mean"), L("coverage"), L("task_cov"), L("ks_cov"));
		json_array_foreach(r->groups, i, g) {
			if (strcmp(csf_str(g, "by"), by))
				continue;
			const char *value = csf_str(g, "value");
			fputs("<tr><th>", f);
			if (value && !strcmp(by, "role"))
				html_role(f, value);
			else
				csf_put_html(f, value ? value : "");
			fputs("</th>", f);
			html_cell_num(f, g, "n", 0);
			html_cell_num(f, g, "mean", 2);
			html_cell_num(f, g, "share_at_target", 1);
			html_cell_num(f, g, "task_coverage", 1);
			html_cell_num(f, g, "ks_coverage", 1);
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	/* Single points of failure and items nobody holds: one folded table
	 * per group, so a large organisation reads as one line a department. */
	group_items(f, r, "spof", 1);
	group_items(f, r, "nobody", 0);
	json_decref(fields);
	fputs("</section>\n", f);
}

