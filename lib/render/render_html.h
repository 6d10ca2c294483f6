/* render_html.h - the parts of the HTML report, for its files only:
 * render_html.c (the document: styles, summary, contents), render_html_karte.c
 * (a management result sheet), render_html_org.c (the organisation),
 * render_html_person.c (a person), render_html_stream.c (people
 * streamed through temporary files) and render_html_words.c (the pieces
 * they all write with). Every string goes through
 * csf_put_html. */
#ifndef CSF_RENDER_HTML_H
#define CSF_RENDER_HTML_H

#include "render/render_report.h"

#define L csf_label

/* A field's value as a word in --lang. */
const char *html_field_word(const char *field, const char *value);
/* A label with its one %s filled in, escaped. */
void html_labelf(FILE *f, const char *id, const char *arg);
void html_buf_labelf(csf_buf *b, const char *id, const char *arg);
/* x at decimals (nothing when NAN). */
void html_num(FILE *f, double x, int decimals);
void html_buf_num(csf_buf *b, double x, int decimals);
/* " band-low", " band-mid" or "". */
const char *html_band_class(int band);
const char *html_item_text(const char *id);
/* The same written escaped (made once per item). */
void html_put_item_text(csf_buf *b, const char *id);
/* <span title="the item's text">ID</span>, escaped once per item. */
void html_put_item_span(csf_buf *b, const char *id);
/* A role as "R03 監視". */
void html_role(FILE *f, const char *id);
void html_buf_role(csf_buf *b, const char *id);
/* A numeric cell of rec's key. */
void html_cell_num(FILE *f, const json_t *rec, const char *key, int decimals);

void html_karte_section(FILE *f, const struct csf_karte *k, const struct csf_axes *ax, int id);
void html_org_section(FILE *f, const struct csf_report *r, int id);
/* A person's section after its opening tag (which carries its number). */
void html_person_body(csf_buf *b, const struct csf_flat_person *p);
/* A person's section's opening tag, numbered id. */
void html_section_open(csf_buf *b, int id);

/* The people of a report, in report order: their subjects for the table of
 * contents and a writer of each one's section body. */
struct people {
	size_t n;
	const char *(*subject)(void *ctx, size_t i);
	/* person i's section, numbered id, from its opening tag on */
	void (*body)(void *ctx, size_t i, int id, FILE *f);
	void *ctx;
};

/* The whole document: the report model, its people (held or streamed)
 * and the summary. */
void html_document(FILE *f, const struct csf_render_opts *o, const struct csf_report *rep,
    size_t count, const struct people *pp, const struct csf_overview *ov);

#endif
