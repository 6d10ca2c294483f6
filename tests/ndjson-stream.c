/* ndjson-stream.c - checks the NDJSON reader under --keep-going against an
 * independent model of the format: every non-blank physical line (BOM off
 * line 1, one CR off the end) is either returned byte for byte with its line
 * number or counted as reported; nothing is lost. Runs generated inputs and
 * the line-length bounds; prints one summary line, exits 1 on a mismatch.
 * fuzz/ndjson_stream.c reuses check_stream() as a libFuzzer target. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csf.h"

static char stream_path[] = "/tmp/csf-ndjson-stream-XXXXXX";
static FILE *report_to;
static long total_returned, total_reported;

static void
stream_setup(void)
{
	int fd = mkstemp(stream_path);
	if (fd < 0) { perror("mkstemp"); exit(2); }
	close(fd);
	/* The reader's own messages are expected here; keep ours. */
	report_to = fdopen(dup(2), "w");
	stderr = fopen("/dev/null", "w");
	argv0 = "ndjson-stream";
	csf_opt.keep_going = 1;
}

static void
mismatch(const char *what, const char *name, long line)
{
	fprintf(report_to, "ndjson-stream: %s: line %ld: %s\n", name, line, what);
	fflush(report_to);
	unlink(stream_path);
	abort();
}

/* Write data to a file, read it back through csf_input_next, and compare
 * with the model; name labels the case in a failure message. */
static void
check_stream(const unsigned char *data, size_t size, const char *name)
{
	FILE *f = fopen(stream_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
		perror(stream_path);
		exit(2);
	}
	char *files[] = { stream_path };
	csf_input *in = csf_input_open(1, files);
	csf_line ln;
	const char *p = (const char *)data, *end = p + size;
	long lineno = 0, nonblank = 0, returned = 0;
	int more = csf_input_next(in, &ln);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end, *t = p;
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
		if (more && ln.line < lineno)
			mismatch("returned out of order", name, ln.line);
		if (more && ln.line == lineno) {
			if (ln.len != (size_t)(stop - t) || memcmp(ln.text, t, ln.len) || ln.text[ln.len])
				mismatch("returned text differs from the line", name, lineno);
			if (ln.len > CSF_LINE_MAX)
				mismatch("returned a line over the bound", name, lineno);
			returned++;
			more = csf_input_next(in, &ln);
		}
	}
	if (more)
		mismatch("returned a line the model does not have", name, ln.line);
	if (returned + csf_input_errors(in) != nonblank) {
		fprintf(report_to, "ndjson-stream: %s: non-blank %ld, returned %ld, reported %ld\n",
		    name, nonblank, returned, csf_input_errors(in));
		mismatch("a line was lost or reported twice", name, lineno);
	}
	total_returned += returned;
	total_reported += csf_input_errors(in);
	csf_input_close(in);
}

#ifndef NDJSON_STREAM_NO_MAIN
static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Pieces a generated file is made of: good and broken records, blank and
 * CR-only lines, BOMs in and out of place, stray bytes. */
static const char *pieces[] = {
	"{\"type\":\"a\",\"n\":1}", "{\"s\":\"\xe3\x81\x82\"}", "{}", " {\"x\":[1,2]} ",
	"{\"a\":", "[1]", "\"str\"", "{\"s\":\"\xff\"}", "{\"a\":1}x", "\xef\xbb\xbf",
	"\xef\xbb\xbf{\"b\":2}", "\r", "\r\r", " ", "\t", "", "\n", "\n", "\n", "\r\n",
	"\0", "{\"t\":\"\t\"}", "{\"a\":1}\r", "\x01", "{\"type\":\"\\u0061\"}",
};

/* A file of exactly len bytes of content: one JSON object padded with a
 * string, then the given tail (newline, CRLF or nothing). */
static size_t
sized_line(unsigned char *buf, size_t len, const char *tail)
{
	memcpy(buf, "{\"s\":\"", 6);
	memset(buf + 6, 'x', len - 8);
	memcpy(buf + len - 2, "\"}", 2);
	size_t n = strlen(tail);
	memcpy(buf + len, tail, n);
	return len + n;
}

int
main(void)
{
	stream_setup();
	static unsigned char buf[3 * CSF_LINE_MAX];
	char name[64];
	int cases = 0;

	for (int i = 0; i < 3000; i++, cases++) {
		size_t n = 0;
		int k = (int)rnd(40);
		for (int j = 0; j < k; j++) {
			const char *s = pieces[rnd(sizeof pieces / sizeof *pieces)];
			size_t l = s[0] ? strlen(s) : 1;  /* "" stands for a NUL byte */
			if (!strcmp(s, "") && rnd(2)) l = 0;
			memcpy(buf + n, s, l);
			n += l;
		}
		snprintf(name, sizeof name, "generated #%d", i);
		check_stream(buf, n, name);
	}

	/* Lines around the bound, with LF, CRLF or nothing after them, alone
	 * and between two short records. */
	static const size_t lens[] = { CSF_LINE_MAX - 1, CSF_LINE_MAX, CSF_LINE_MAX + 1, CSF_LINE_MAX + 2 };
	static const char *tails[] = { "\n", "\r\n", "" };
	for (size_t a = 0; a < sizeof lens / sizeof *lens; a++)
		for (size_t b = 0; b < sizeof tails / sizeof *tails; b++)
			for (int framed = 0; framed < 2; framed++, cases++) {
				size_t n = 0;
				if (framed) { memcpy(buf, "{\"a\":1}\n", 8); n = 8; }
				n += sized_line(buf + n, lens[a], tails[b]);
				if (framed) {
					if (!*tails[b]) buf[n++] = '\n';
					memcpy(buf + n, "{\"a\":3}", 7);
					n += 7;
				}
				snprintf(name, sizeof name, "line of %zu bytes%s%s", lens[a],
				    b == 0 ? " + LF" : b == 1 ? " + CRLF" : "", framed ? ", framed" : "");
				long r0 = total_returned, e0 = total_reported;
				check_stream(buf, n, name);
				printf("%s: returned %ld, reported %ld\n", name,
				    total_returned - r0, total_reported - e0);
			}
	unlink(stream_path);
	printf("%d cases, %ld lines returned, %ld reported\n", cases, total_returned, total_reported);
	return 0;
}
#endif
