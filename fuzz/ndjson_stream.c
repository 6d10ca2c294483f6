/* ndjson_stream.c - fuzz target for the NDJSON reader under --keep-going:
 * every non-blank physical line of the input must come back from
 * csf_input_next (byte for byte, with its line number, BOM and CR removed)
 * or be counted as reported; nothing may vanish. The expected lines come
 * from an independent model of the format. Aborts on any disagreement. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csf.h"

static char path[] = "/tmp/csf-fuzz-ndjson-XXXXXX";
static FILE *report_to;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	int fd = mkstemp(path);
	if (fd < 0) { perror("mkstemp"); exit(1); }
	close(fd);
	/* The reader's own messages are expected noise; keep ours. */
	report_to = fdopen(dup(2), "w");
	stderr = fopen("/dev/null", "w");
	argv0 = "csf-fuzz";
	csf_opt.keep_going = 1;
	return 0;
}

static void
fail(const char *what, long line)
{
	fprintf(report_to, "ndjson_stream: line %ld: %s\n", line, what);
	fflush(report_to);
	unlink(path);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		return 0;

	char *files[] = { path };
	csf_input *in = csf_input_open(1, files);
	csf_line ln;
	const char *p = (const char *)data, *end = p + size;
	long lineno = 0, nonblank = 0, returned = 0;
	int more = csf_input_next(in, &ln);
	while (p < end) {
		/* The model: one physical line, BOM on line 1 and one CR off. */
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *t = p;
		lineno++;
		p = nl ? nl + 1 : end;
		if (lineno == 1 && stop - t >= 3 && !memcmp(t, "\xef\xbb\xbf", 3))
			t += 3;
		if (stop > t && stop[-1] == '\r')
			stop--;
		const char *q = t;
		while (q < stop && (*q == ' ' || *q == '\t'))
			q++;
		if (q == stop)
			continue;
		nonblank++;
		if (more && ln.line == lineno) {
			if (ln.len != (size_t)(stop - t) || memcmp(ln.text, t, ln.len)
			    || ln.text[ln.len] != '\0')
				fail("returned text differs from the line", lineno);
			returned++;
			more = csf_input_next(in, &ln);
		} else if (more && ln.line < lineno) {
			fail("returned a line out of order", ln.line);
		}
	}
	if (more)
		fail("returned a line the model does not have", ln.line);
	if (returned + csf_input_errors(in) != nonblank) {
		fprintf(report_to, "non-blank %ld, returned %ld, reported %ld\n",
		    nonblank, returned, csf_input_errors(in));
		fail("a line was lost or reported twice", lineno);
	}
	csf_input_close(in);
	return 0;
}
