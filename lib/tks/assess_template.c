/* assess_template.c - csf-assess --template: one blank answer per item a
 * role, persona or set of Case1/Case2 choices makes relevant, with its
 * target filled in, as NDJSON or as a CSV sheet to fill in. */
#include <stdlib.h>
#include <string.h>

#include "tks/pipeline.h"
#include "tks/tks.h"

/* Choice ID -> [choice, question] over every question record (built once). */
static json_t *
choice_index(void)
{
	static json_t *ix;
	if (ix)
		return ix;
	ix = json_object();
	size_t i, j;
	json_t *q, *c;
	json_array_foreach(csf_data_all("question"), i, q) {
		json_array_foreach(json_object_get(q, "choices"), j, c) {
			const char *id = csf_str(c, "id");
			if (id)
				json_object_set_new(ix, id, json_pack("[OO]", c, q));
		}
	}
	return ix;
}

void
assess_template_choice(struct template_opts *t, csf_input *in, const csf_line *ln, json_t *obj)
{
	json_t *v = json_object_get(obj, "choice");
	json_t *list = json_is_array(v) ? json_incref(v) : json_pack("[O]", v ? v : json_null());
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		json_t *hit = json_is_string(e) ? json_object_get(choice_index(), json_string_value(e)) : NULL;
		if (!hit) {
			char buf[64];
			csf_input_bad(in, ln, "unknown choice %s", e && !json_is_null(e) ? csf_json_show(e, buf, sizeof buf) : "(none given)");
			continue;
		}
		if (!t->chosen)
			t->chosen = json_array();
		json_array_append(t->chosen, hit);
	}
	json_decref(list);
}

struct tpl_item {
	signed char target, mode, phase;
};

static void
tpl_add(struct tpl_item *ti, int k, int target, int mode, int phase)
{
	struct tpl_item *x = &ti[k];
	if (x->target < target)
		x->target = (signed char)target;
	if (x->mode == MODE_NONE || (mode != MODE_NONE && tks_rank(mode, phase) < tks_rank(x->mode, x->phase))) {
		x->mode = (signed char)mode;
		x->phase = (signed char)phase;
	}
}

/* Where persona p lists item k, or -1 (also when p is NULL). */
static int
persona_lists(const tks_persona *p, int k)
{
	for (int i = 0; p && i < p->n; i++)
		if (p->idx[i] == k)
			return i;
	return -1;
}

static void
tpl_persona(struct tpl_item *ti, const tks_persona *p)
{
	for (int i = 0; i < p->n; i++)
		tpl_add(ti, p->idx[i], p->target[i], p->mode[i], p->phase[i]);
}

int
assess_template(const struct template_opts *t)
{
	int n = tks_count();
	struct tpl_item *ti = xmalloc(((size_t)n + 1) * sizeof *ti);
	for (int k = 0; k < n; k++)
		ti[k] = (struct tpl_item){ -1, MODE_NONE, PHASE_NONE };
	json_t *roles = json_array(), *personas = json_array();
	int status = 0;

	if (t->role) {
		for (const char *p = t->role; *p; ) {
			size_t len = strcspn(p, ",");
			char id[32];
			snprintf(id, sizeof id, "%.*s", (int)(len < 31 ? len : 31), p);
			int r = tks_role_index(id);
			if (r < 0) {
				csf_warn("--role: unknown role \"%s\"", id);
				status = 2;
				goto out;
			}
			json_array_append_new(roles, json_string(tks_role_id(r)));
			int m;
			const int *it = tks_role_items(r, &m);
			for (int i = 0; i < m; i++)
				tpl_add(ti, it[i], t->target, MODE_NONE, PHASE_NONE);
			p += len;
			if (*p)
				p++;
		}
	}
	if (t->persona) {
		const tks_persona *p = tks_persona_get(t->persona);
		if (!p) {
			csf_warn("--persona: unknown persona \"%s\"", t->persona);
			status = 2;
			goto out;
		}
		tpl_persona(ti, p);
		json_array_append_new(personas, json_string(p->id));
	}
	size_t i, j;
	json_t *hit, *e;
	/* A routing choice (one with "next", like Q1's) names every persona
	 * down its branch; it counts only when no other choice names one. A
	 * specific choice adds its own items, not its personas' whole lists:
	 * each at the mode, phase and target its first persona listing it
	 * gives (own, at the question's phase, when none does), and never over
	 * an item the --persona already has (it keeps that persona's mode). */
	const tks_persona *base = t->persona ? tks_persona_get(t->persona) : NULL;
	int specific = 0;
	json_array_foreach(t->chosen, i, hit) {
		json_t *choice = json_array_get(hit, 0);
		if (!json_object_get(choice, "next") && json_array_size(json_object_get(choice, "personas")))
			specific = 1;
	}
	json_array_foreach(t->chosen, i, hit) {
		json_t *choice = json_array_get(hit, 0), *question = json_array_get(hit, 1);
		/* Case2 asks about incidents; Case1 about normal work. */
		json_t *cs = json_object_get(question, "case");
		int phase = json_is_integer(cs) && json_integer_value(cs) == 2 ? PHASE_INCIDENT : PHASE_NORMAL;
		if (json_object_get(choice, "next")) {
			if (specific)
				continue;
			json_array_foreach(json_object_get(choice, "personas"), j, e) {
				const tks_persona *p = json_is_string(e) ? tks_persona_get(json_string_value(e)) : NULL;
				if (!p)
					continue;   /* a dangling reference is csf-check's to report */
				size_t k;
				json_t *seen;
				int dup = 0;
				json_array_foreach(personas, k, seen)
					dup |= strcmp(json_string_value(seen), p->id) == 0;
				if (dup)
					continue;
				if (json_array_size(personas) == ASSESS_PERSONAS_MAX)
					break;
				tpl_persona(ti, p);
				json_array_append_new(personas, json_string(p->id));
			}
			continue;
		}
		json_array_foreach(json_object_get(choice, "items"), j, e) {
			int k = json_is_string(e) ? tks_index(json_string_value(e)) : -1;
			if (k < 0 || persona_lists(base, k) >= 0)
				continue;
			int target = tks_mode_target(MODE_OWN, phase), mode = MODE_OWN, ph = phase;
			size_t q;
			json_t *pid;
			json_array_foreach(json_object_get(choice, "personas"), q, pid) {
				const tks_persona *p = json_is_string(pid) ? tks_persona_get(json_string_value(pid)) : NULL;
				int at = persona_lists(p, k);
				if (at >= 0) {
					target = p->target[at];
					mode = p->mode[at];
					ph = p->phase[at];
					break;
				}
			}
			tpl_add(ti, k, target, mode, ph);
		}
	}

	/* The profile first, in both formats: it names the role or persona
	 * whose modes, phases and targets the scores and gaps use. In CSV it
	 * is a row of type "profile", so the sheet read back gives the same
	 * records as the NDJSON template. */
	json_t *prof = json_object();
	json_object_set_new(prof, "type", json_string("profile"));
	json_object_set_new(prof, "subject", json_string(t->subject));
	if (json_array_size(roles))
		json_object_set(prof, "role", roles);
	if (json_array_size(personas) == 1)
		json_object_set(prof, "persona", json_array_get(personas, 0));
	else if (json_array_size(personas) > 1)
		json_object_set(prof, "persona", personas);
	if (json_array_size(roles) && t->target != ROLE_TARGET_DEFAULT)
		json_object_set_new(prof, "target", json_integer(t->target));
	if (t->csv) {
		static const char *const head[] = { "type", "subject", "role", "persona", "item", "class",
		                                    "text", "mode", "phase", "target", "level" };
		fputs("\xef\xbb\xbf", csf_out);   /* so spreadsheets read the file as UTF-8 */
		for (size_t h = 0; h < 11; h++)
			csv_put_field(head[h], h == 10);
		char list[256] = "", target[8] = "";
		json_array_foreach(roles, i, e)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? "," : "", json_string_value(e));
		csv_put_field("profile", 0);
		csv_put_field(t->subject, 0);
		csv_put_field(list, 0);
		list[0] = '\0';
		json_array_foreach(personas, i, e)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? "," : "", json_string_value(e));
		csv_put_field(list, 0);
		if (json_object_get(prof, "target"))
			snprintf(target, sizeof target, "%d", t->target);
		for (int c = 0; c < 5; c++)
			csv_put_field("", 0);
		csv_put_field(target, 0);
		csv_put_field("", 1);
		json_decref(prof);
	} else {
		csf_emit_new(prof);
	}
	for (int k = 0; k < n; k++) {
		const tks_item *it = tks_at(k);
		if (ti[k].target < 0 || (it->cls == TKS_TASK && !t->tasks))
			continue;
		const char *text = csf_text(json_object_get(tks_record(k), "text"));
		const char *mode = tks_mode_name(ti[k].mode), *phase = tks_phase_name(ti[k].phase);
		if (t->csv) {
			char target[8];
			snprintf(target, sizeof target, "%d", ti[k].target);
			csv_put_field("answer", 0);
			csv_put_field(t->subject, 0);
			csv_put_field("", 0);
			csv_put_field("", 0);
			csv_put_field(it->id, 0);
			csv_put_field(tks_class_name(it->cls), 0);
			csv_put_field(text, 0);
			csv_put_field(mode ? mode : "", 0);
			csv_put_field(phase ? phase : "", 0);
			csv_put_field(target, 0);
			csv_put_field("", 1);
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string("answer"));
		json_object_set_new(o, "subject", json_string(t->subject));
		json_object_set_new(o, "item", json_string(it->id));
		json_object_set_new(o, "class", json_string(tks_class_name(it->cls)));
		json_object_set_new(o, "text", json_string(text));
		if (mode)
			json_object_set_new(o, "mode", json_string(mode));
		if (phase)
			json_object_set_new(o, "phase", json_string(phase));
		json_object_set_new(o, "target", json_integer(ti[k].target));
		json_object_set_new(o, "level", json_null());
		csf_emit_new(o);
	}
out:
	json_decref(roles);
	json_decref(personas);
	free(ti);
	return status;
}
