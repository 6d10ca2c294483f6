/* render_html_words.c - the small pieces every section of the HTML report
 * writes with: words in --lang, numbers, band classes. They call nothing
 * of the sections, so the sections and the document depend on them one
 * way. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_html.h"

/* A record's value of a known field ("class", "severity", "by") in --lang. */
const char *
html_field_word(const char *field, const char *value)
{
	return csf_label_value(field, value);
}

/* A label with one %s filled in, escaped. */
void
html_buf_labelf(csf_buf *b, const char *id, const char *arg)
{
	const char *fmt = L(id), *p = strstr(fmt, "%s");
	if (!p) {
		csf_buf_html(b, fmt);
		return;
	}
	char stack[128];
	char *head = (size_t)(p - fmt) < sizeof stack ? stack : xmalloc((size_t)(p - fmt) + 1);
	memcpy(head, fmt, (size_t)(p - fmt));
	head[p - fmt] = '\0';
	csf_buf_html(b, head);
	csf_buf_html(b, arg);
	csf_buf_html(b, p + 2);
	if (head != stack)
		free(head);
}

void
html_labelf(FILE *f, const char *id, const char *arg)
{
	char stack[512];
	csf_buf b = CSF_BUF_ON(stack);
	html_buf_labelf(&b, id, arg);
	csf_buf_write(&b, f);
	csf_buf_free(&b);
}

void
html_buf_num(csf_buf *b, double x, int decimals)
{
	if (isnan(x))
		return;
	csf_buf_fixed(b, x, decimals);
}

void
html_num(FILE *f, double x, int decimals)
{
	if (isnan(x))
		return;
	csf_put_fixed(f, x, decimals);
}

const char *
html_band_class(int band)
{
	return band == CSF_BAND_LOW ? " band-low" : band == CSF_BAND_MID ? " band-mid" : "";
}
