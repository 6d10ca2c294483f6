/* render_org.c - the organisation model in csf-render's reports: per
 * organisation, the tasks x units matrix as a heat map (own, support,
 * outsource; a cell a finding names is outlined) and the findings grouped
 * by rule, in HTML and as two XLSX sheets. The backends hand it the
 * records as they pass (csf_org_view_add) and call it once at the end. */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/render_org.h"
#include "render/render_xlsxlib.h"
#include "org/org.h"

struct csf_org_view {
	json_t *orgs;   /* subject -> {"units":[rec], "asg":[rec], "findings":[rec]} */
};

csf_org_view *
csf_org_view_new(void)
{
	csf_org_view *v = xcalloc(1, sizeof *v);
	v->orgs = json_object();
	return v;
}

void
csf_org_view_free(csf_org_view *v)
{
	if (!v)
		return;
	json_decref(v->orgs);
	free(v);
}

int
csf_org_view_empty(const csf_org_view *v)
{
	return !v || json_object_size(v->orgs) == 0;
}

void
csf_org_view_add(csf_org_view *v, const char *type, const json_t *rec)
{
	const char *list = NULL, *kind = csf_str(rec, "kind");
	if (!type)
		return;
	if (!strcmp(type, "unit"))
		list = "units";
	else if (!strcmp(type, "assignment"))
		list = "asg";
	else if (!strcmp(type, "gap") && kind && !strcmp(kind, "org"))
		list = "findings";
	const char *subject = csf_str(rec, "subject");
	if (!list || !subject)
		return;
	json_t *o = json_object_get(v->orgs, subject);
	if (!o) {
		o = json_pack("{s:[],s:[],s:[]}", "units", "asg", "findings");
		json_object_set_new(v->orgs, subject, o);
	}
	json_array_append(json_object_get(o, list), (json_t *)rec);
}

/* The words of this part, in --lang. */
static const char *
W(const char *id)
{
	static const struct { const char *id, *ja, *en; } words[] = {
		{ "title", "組織体制", "Organisation structure" },
		{ "matrix", "タスク×部署（主担当・支援・委託）", "Tasks x units (own, support, outsource)" },
		{ "findings", "指摘（ルール別）", "Findings by rule" },
		{ "task", "タスク", "Task" },
		{ "name", "名称", "Name" },
		{ "units", "部署", "Units" },
		{ "severity", "重要度", "Severity" },
		{ "detail", "内容", "Detail" },
		{ "source", "出典", "Source" },
		{ "own", "主担当", "own" },
		{ "support", "支援", "support" },
		{ "outsource", "委託", "outsource" },
		{ "high", "高", "high" },
		{ "medium", "中", "medium" },
		{ "low", "低", "low" },
		{ "legend", "濃い緑: 主担当、黄: 支援、青: 外部委託（/の後は管理監督者）。赤枠は指摘のあるセル。",
		  "Green: own, yellow: support, blue: outsourced (after / the supervisor). A red outline marks a cell a finding names." },
		{ "none", "指摘なし", "No findings" },
	};
	int ja = csf_opt.lang && !strcmp(csf_opt.lang, "ja");
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(words[i].id, id))
			return ja ? words[i].ja : words[i].en;
	return id;
}

static const char *
unit_name(const json_t *u)
{
	json_t *n = json_object_get(u, "name");
	if (json_is_string(n) && *json_string_value(n))
		return json_string_value(n);
	if (csf_is_langobj(n))
		return csf_text(n);
	return csf_str(u, "id") ? csf_str(u, "id") : "";
}

static const char *
task_name(const json_t *f, const char *task)
{
	json_t *n = f ? json_object_get(f, "task_name") : NULL;
	if (n)
		return csf_text(n);
	json_t *m = task ? org_task_name(task) : NULL;
	return m ? csf_text(m) : "";
}

/* The tasks of an organisation's assignments, sorted. */
static json_t *
tasks_of(const json_t *o)
{
	json_t *seen = json_object(), *a, *out = json_array();
	size_t i;
	json_array_foreach(json_object_get(o, "asg"), i, a)
		if (csf_str(a, "task"))
			json_object_set_new(seen, csf_str(a, "task"), json_true());
	const char *k;
	json_t *v;
	json_object_foreach(seen, k, v)
		json_array_append_new(out, json_string(k));
	json_decref(seen);
	size_t n = json_array_size(out);
	for (size_t x = 1; x < n; x++)   /* insertion sort: a few dozen tasks */
		for (size_t y = x; y > 0 && strcmp(json_string_value(json_array_get(out, y - 1)),
		                                   json_string_value(json_array_get(out, y))) > 0; y--) {
			json_t *t = json_incref(json_array_get(out, y));
			json_array_set(out, y, json_array_get(out, y - 1));
			json_array_set_new(out, y - 1, t);
		}
	return out;
}

/* The cell of task x unit: the strongest mode (own, outsource, support;
 * -1 none), its text, and whether a finding names it. */
struct cell {
	int mode;
	char text[160];
	int flagged;
};

static void
cell_of(const json_t *o, const char *task, const char *unit, struct cell *c)
{
	static const char *const order[] = { "own", "outsource", "support" };
	c->mode = -1;
	c->text[0] = '\0';
	c->flagged = 0;
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(o, "asg"), i, a) {
		const char *t = csf_str(a, "task"), *u = csf_str(a, "unit"), *m = csf_str(a, "mode");
		if (!t || !u || !m || strcmp(t, task) || strcmp(u, unit))
			continue;
		for (int k = 0; k < 3; k++)
			if (!strcmp(m, order[k]) && (c->mode < 0 || k < c->mode)) {
				c->mode = k;
				const char *sup = csf_str(a, "supervisor");
				snprintf(c->text, sizeof c->text, "%s%s%s", W(order[k]), sup ? "/" : "", sup ? sup : "");
			}
	}
	json_array_foreach(json_object_get(o, "findings"), i, a) {
		const char *t = csf_str(a, "task");
		if (!t || strcmp(t, task))
			continue;
		size_t j;
		json_t *u;
		json_array_foreach(json_object_get(a, "units"), j, u)
			if (json_is_string(u) && !strcmp(json_string_value(u), unit))
				c->flagged = 1;
	}
}

static const char *const mode_colour[] = { "#8FD18A", "#C9DAF8", "#FFF2A8" };   /* own, outsource, support */

/* What a finding says beyond task and units. */
static void
detail_of(const json_t *f, char *buf, size_t size)
{
	buf[0] = '\0';
	const char *dom = csf_str(f, "domain"), *x = csf_str(f, "xsirt"), *exp = csf_str(f, "expected");
	json_t *tasks = json_object_get(f, "tasks"), *thr = json_object_get(f, "threshold");
	if (dom && x)
		snprintf(buf, size, "%s → %s", dom, x);
	else if (json_is_integer(tasks) && json_is_integer(thr))
		snprintf(buf, size, "%lld > %lld", (long long)json_integer_value(tasks), (long long)json_integer_value(thr));
	else if (json_is_integer(tasks))
		snprintf(buf, size, "%lld", (long long)json_integer_value(tasks));
	else if (exp)
		snprintf(buf, size, "%s → %s", exp, csf_str(f, "actual") ? csf_str(f, "actual") : "");
}


static void
html_units(FILE *f, const json_t *fnd)
{
	json_t *names = json_object_get(fnd, "unit_names"), *ids = json_object_get(fnd, "units"), *v;
	size_t i;
	json_array_foreach(names ? names : ids, i, v) {
		if (i)
			fputs(", ", f);
		csf_put_html(f, json_is_string(v) ? json_string_value(v) : "");
	}
}

void
csf_org_html(FILE *f, const csf_org_view *v)
{
	if (csf_org_view_empty(v))
		return;
	fputs("<section id=\"orgmodel\" class=\"orgmodel\">\n<h2>", f);
	csf_put_html(f, W("title"));
	fputs("</h2>\n", f);
	const char *subject;
	json_t *o;
	json_object_foreach(v->orgs, subject, o) {
		fputs("<h3>", f);
		csf_put_html(f, subject);
		fputs("</h3>\n<h4>", f);
		csf_put_html(f, W("matrix"));
		fputs("</h4>\n<p class=\"legend\">", f);
		csf_put_html(f, W("legend"));
		fputs("</p>\n<div class=\"scroll\"><table class=\"orgmatrix\">\n<thead><tr><th>", f);
		csf_put_html(f, W("task"));
		fputs("</th><th>", f);
		csf_put_html(f, W("name"));
		fputs("</th>", f);
		json_t *units = json_object_get(o, "units"), *u, *t;
		size_t i, j;
		json_array_foreach(units, j, u) {
			fputs("<th>", f);
			csf_put_html(f, unit_name(u));
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		json_t *tasks = tasks_of(o);
		json_array_foreach(tasks, i, t) {
			const char *task = json_string_value(t);
			fputs("<tr><th>", f);
			csf_put_html(f, task);
			fputs("</th><td>", f);
			csf_put_html(f, task_name(NULL, task));
			fputs("</td>", f);
			json_array_foreach(units, j, u) {
				struct cell c;
				cell_of(o, task, csf_str(u, "id") ? csf_str(u, "id") : "", &c);
				if (c.mode < 0 && !c.flagged) {
					fputs("<td></td>", f);
					continue;
				}
				fprintf(f, "<td style=\"background:%s%s\">", c.mode >= 0 ? mode_colour[c.mode] : "#FFFFFF",
				        c.flagged ? ";outline:2px solid #C00000;outline-offset:-2px" : "");
				csf_put_html(f, c.text);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		json_decref(tasks);
		fputs("</tbody></table></div>\n<h4>", f);
		csf_put_html(f, W("findings"));
		fputs("</h4>\n", f);
		json_t *findings = json_object_get(o, "findings");
		if (json_array_size(findings) == 0) {
			fputs("<p>", f);
			csf_put_html(f, W("none"));
			fputs("</p>\n", f);
			continue;
		}
		/* one table per rule, rules in the order they first come */
		json_t *rules = json_array(), *fnd;
		json_array_foreach(findings, i, fnd)
			if (csf_str(fnd, "rule")) {
				int seen = 0;
				json_array_foreach(rules, j, t)
					seen |= !strcmp(json_string_value(t), csf_str(fnd, "rule"));
				if (!seen)
					json_array_append_new(rules, json_string(csf_str(fnd, "rule")));
			}
		json_array_foreach(rules, j, t) {
			const char *rule = json_string_value(t);
			int head = 0;
			json_array_foreach(findings, i, fnd) {
				if (!csf_str(fnd, "rule") || strcmp(csf_str(fnd, "rule"), rule))
					continue;
				if (!head++) {
					fputs("<h5>", f);
					csf_put_html(f, csf_text(json_object_get(fnd, "title")));
					fputs(" <code>", f);
					csf_put_html(f, rule);
					fputs("</code></h5>\n<table class=\"findings\"><thead><tr>", f);
					static const char *const cols[] = { "task", "name", "units", "severity", "detail", "source" };
					for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
						fputs("<th>", f);
						csf_put_html(f, W(cols[k]));
						fputs("</th>", f);
					}
					fputs("</tr></thead>\n<tbody>\n", f);
				}
				const char *task = csf_str(fnd, "task");
				char detail[256];
				detail_of(fnd, detail, sizeof detail);
				fputs("<tr><td>", f);
				csf_put_html(f, task ? task : "");
				fputs("</td><td>", f);
				csf_put_html(f, task ? task_name(fnd, task) : "");
				fputs("</td><td>", f);
				html_units(f, fnd);
				fputs("</td><td>", f);
				csf_put_html(f, W(csf_str(fnd, "severity") ? csf_str(fnd, "severity") : ""));
				fputs("</td><td>", f);
				csf_put_html(f, detail);
				fputs("</td><td>", f);
				csf_put_html(f, csf_str(fnd, "source") ? csf_str(fnd, "source") : "");
				fputs("</td></tr>\n", f);
			}
			if (head)
				fputs("</tbody></table>\n", f);
		}
		json_decref(rules);
	}
	fputs("</section>\n", f);
}

/* ---- XLSX: a matrix sheet and a findings sheet ---- */

static lxw_format *
fill(lxw_workbook *wb, uint32_t colour, int outline)
{
	lxw_format *fm = xlsxlib.workbook_add_format(wb);
	xlsxlib.format_set_bg_color(fm, colour);
	if (outline) {
		xlsxlib.format_set_border(fm, LXW_BORDER_MEDIUM);
		xlsxlib.format_set_border_color(fm, 0xC00000);
	}
	return fm;
}

int
csf_org_xlsx(lxw_workbook *wb, const csf_org_view *v, lxw_format *header)
{
	if (csf_org_view_empty(v))
		return 0;
	static const uint32_t colours[] = { 0x8FD18A, 0xC9DAF8, 0xFFF2A8 };
	lxw_format *fm[3][2], *flag = fill(wb, 0xFFFFFF, 1);
	for (int k = 0; k < 3; k++)
		for (int o = 0; o < 2; o++)
			fm[k][o] = fill(wb, colours[k], o);
	lxw_worksheet *ms = xlsxlib.workbook_add_worksheet(wb, "org matrix");
	lxw_worksheet *fs = xlsxlib.workbook_add_worksheet(wb, "org findings");
	if (!ms || !fs)
		return 1;
	lxw_row_t mr = 0, fr = 0;
	static const char *const fcols[] = { "subject", "rule", "title", "task", "name", "units", "severity", "detail", "source" };
	for (lxw_col_t c = 0; c < sizeof fcols / sizeof *fcols; c++)
		xlsxlib.worksheet_write_string(fs, fr, c, c == 0 || c == 1 ? fcols[c] : W(fcols[c]), header);
	fr++;
	const char *subject;
	json_t *o;
	json_object_foreach(v->orgs, subject, o) {
		json_t *units = json_object_get(o, "units"), *u, *t, *fnd;
		size_t i, j;
		xlsxlib.worksheet_write_string(ms, mr, 0, subject, header);
		xlsxlib.worksheet_write_string(ms, mr, 1, W("name"), header);
		json_array_foreach(units, j, u)
			xlsxlib.worksheet_write_string(ms, mr, (lxw_col_t)(2 + j), unit_name(u), header);
		mr++;
		json_t *tasks = tasks_of(o);
		json_array_foreach(tasks, i, t) {
			const char *task = json_string_value(t);
			xlsxlib.worksheet_write_string(ms, mr, 0, task, NULL);
			xlsxlib.worksheet_write_string(ms, mr, 1, task_name(NULL, task), NULL);
			json_array_foreach(units, j, u) {
				struct cell c;
				cell_of(o, task, csf_str(u, "id") ? csf_str(u, "id") : "", &c);
				if (c.mode >= 0)
					xlsxlib.worksheet_write_string(ms, mr, (lxw_col_t)(2 + j), c.text, fm[c.mode][c.flagged]);
				else if (c.flagged)
					xlsxlib.worksheet_write_blank(ms, mr, (lxw_col_t)(2 + j), flag);
			}
			mr++;
		}
		json_decref(tasks);
		mr++;   /* a blank row between organisations */
		json_array_foreach(json_object_get(o, "findings"), i, fnd) {
			const char *task = csf_str(fnd, "task");
			char detail[256], units[1024] = "";
			detail_of(fnd, detail, sizeof detail);
			json_t *names = json_object_get(fnd, "unit_names");
			json_array_foreach(names ? names : json_object_get(fnd, "units"), j, u)
				if (json_is_string(u) && strlen(units) + strlen(json_string_value(u)) + 3 < sizeof units) {
					if (j)
						strcat(units, ", ");
					strcat(units, json_string_value(u));
				}
			const char *cells[] = { subject, csf_str(fnd, "rule"), csf_text(json_object_get(fnd, "title")),
			                        task, task ? task_name(fnd, task) : "", units,
			                        W(csf_str(fnd, "severity") ? csf_str(fnd, "severity") : ""), detail,
			                        csf_str(fnd, "source") };
			for (lxw_col_t c = 0; c < sizeof cells / sizeof *cells; c++)
				if (cells[c] && *cells[c])
					xlsxlib.worksheet_write_string(fs, fr, c, cells[c], NULL);
			fr++;
		}
	}
	return 0;
}

void
csf_org_html_doc(FILE *f, const csf_doc *d)
{
	csf_org_view *v = csf_org_view_new();
	for (size_t g = 0; g < d->ngroups; g++) {
		size_t i;
		json_t *rec;
		json_array_foreach(d->groups[g].records, i, rec)
			csf_org_view_add(v, d->groups[g].type, rec);
	}
	csf_org_html(f, v);
	csf_org_view_free(v);
}
