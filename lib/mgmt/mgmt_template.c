/* mgmt_template.c - the management questionnaire: every check of the
 * data's generation as a blank answer to fill in, with what a person
 * filling it needs beside it (directive, check text, answer scale, the
 * directive's hint). The sheet comes back through csf-assess as it is:
 * the columns it does not score are ignored. Trial users asked for a
 * questionnaire to download besides direct input (seed002 L360). */
#include <stdio.h>

#include "core/csv.h"
#include "mgmt/mgmt.h"

static const char *const columns[] = {
	"subject", "item", "directive", "directive_name", "text", "scale", "hint",
	"level", "evidence", "assessor", "date", "generation",
};
#define NCOLUMNS (sizeof columns / sizeof *columns)

void
mgmt_template(const char *subject, int csv)
{
	const struct mgmt_model *m = mgmt_model();
	json_t *gen = csf_data_find("generation", m->generation);
	char scale[64];
	const char *scale_text = csf_text(json_object_get(json_object_get(gen, "scale"), "text"));
	if (*scale_text)
		snprintf(scale, sizeof scale, "%s", scale_text);
	else
		snprintf(scale, sizeof scale, "%d-%d", m->scale_min, m->scale_max);
	if (csv) {
		fputs("\xef\xbb\xbf", csf_out);   /* so spreadsheets read the file as UTF-8 */
		for (size_t i = 0; i < NCOLUMNS; i++)
			csv_put_field(columns[i], i == NCOLUMNS - 1);
	}
	for (int c = 0; c < m->ncheck; c++) {
		const struct mgmt_directive *d = &m->dir[m->check[c].directive];
		json_t *hint = mgmt_action_hint(m->check[c].directive, NULL);
		const char *cells[NCOLUMNS] = {
			subject, m->check[c].id, d->id,
			csf_text(json_object_get(d->rec, "name")),
			csf_text(json_object_get(m->check[c].rec, "text")),
			scale,
			hint ? csf_text(json_object_get(hint, "text")) : "",
			NULL, NULL, NULL, NULL,   /* level, evidence, assessor, date: to fill in */
			m->generation,
		};
		if (csv) {
			for (size_t i = 0; i < NCOLUMNS; i++)
				csv_put_field(cells[i] ? cells[i] : "", i == NCOLUMNS - 1);
			continue;
		}
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string("answer"));
		for (size_t i = 0; i < NCOLUMNS; i++)
			json_object_set_new(o, columns[i], cells[i] ? json_string(cells[i]) : json_null());
		csf_emit_new(o);
	}
}
