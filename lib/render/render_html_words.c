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

/* A label with one %s filled in, escaped. The label's text around the
 * %s is escaped once for the run (a label's text does not change; a few
 * are filled in on every row, "80時間"). */
void
html_buf_labelf(csf_buf *b, const char *id, const char *arg)
{
	static struct { const char *fmt; char *head, *tail; } made[8];
	const char *fmt = L(id);
	size_t i;
	for (i = 0; i < sizeof made / sizeof *made && made[i].fmt; i++)
		if (made[i].fmt == fmt)
			break;
	if (i == sizeof made / sizeof *made || !made[i].fmt) {
		const char *p = strstr(fmt, "%s");
		csf_buf head = { 0 }, tail = { 0 };
		if (p) {
			char *h = xmalloc((size_t)(p - fmt) + 1);
			memcpy(h, fmt, (size_t)(p - fmt));
			h[p - fmt] = '\0';
			csf_buf_html(&head, h);
			csf_buf_html(&tail, p + 2);
			free(h);
		} else
			csf_buf_html(&head, fmt);
		csf_buf_putc(&head, '\0');
		csf_buf_putc(&tail, '\0');
		if (i == sizeof made / sizeof *made) {
			/* More labels than kept: this one as it is. */
			csf_buf_puts(b, head.p);
			if (p) {
				csf_buf_html(b, arg);
				csf_buf_puts(b, tail.p);
			}
			csf_buf_free(&head);
			csf_buf_free(&tail);
			return;
		}
		made[i].fmt = fmt;
		made[i].head = head.p;
		made[i].tail = p ? tail.p : NULL;
		if (!p)
			csf_buf_free(&tail);
	}
	csf_buf_puts(b, made[i].head);
	if (made[i].tail) {
		csf_buf_html(b, arg);
		csf_buf_puts(b, made[i].tail);
	}
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
