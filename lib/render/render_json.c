/* render_json.c - the records as one JSON array, for tools that want a
 * single document. Records are copied byte for byte, one per line. */
#include "render/render.h"

static int first;

void
csf_json_begin(FILE *f)
{
	putc('[', f);
	first = 1;
}

void
csf_json_record(FILE *f, const char *text, size_t len)
{
	fputs(first ? "\n" : ",\n", f);
	fwrite(text, 1, len, f);
	first = 0;
}

void
csf_json_end(FILE *f)
{
	fputs(first ? "]\n" : "\n]\n", f);
}
