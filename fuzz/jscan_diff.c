/* jscan_diff.c - differential fuzz target: csf_scan_json must accept a text
 * exactly when jansson's json_loadb(text, len, 0) decodes it to an object
 * nested no deeper than CSF_DEPTH_MAX, and the "type" it extracts must be the
 * one a full decode finds (or the "\\" sentinel, which makes the reader
 * decode it fully). Aborts on any disagreement. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"

static int
depth(const json_t *v)
{
	int d = 0, k;
	const char *key;
	json_t *m;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, m)
			if ((k = depth(m)) > d) d = k;
		return d + 1;
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			if ((k = depth(m)) > d) d = k;
		return d + 1;
	}
	return 0;
}

static void
show(const uint8_t *data, size_t size)
{
	fprintf(stderr, "input (%zu bytes): ", size);
	for (size_t i = 0; i < size && i < 400; i++)
		fprintf(stderr, data[i] >= 0x20 && data[i] < 0x7f ? "%c" : "\\x%02x", data[i]);
	fputc('\n', stderr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	memcpy(text, data, size);
	char type[CSF_TYPE_MAX];
	const char *err = csf_scan_json(text, size, type, sizeof type);

	/* jansson 2.14 drops a NUL byte that follows a number ("3.4\0,")
	 * when it pushes back its lookahead, so it accepts such text. A raw
	 * NUL is never valid JSON: the scan must refuse it, and jansson's
	 * verdict is not the reference there. */
	if (memchr(text, '\0', size)) {
		if (!err) {
			show(data, size);
			fprintf(stderr, "scanner accepts a NUL byte\n");
			abort();
		}
		free(text);
		return 0;
	}
	json_error_t e;
	json_t *o = json_loadb(text, size, 0, &e);
	int ok = o && json_is_object(o) && depth(o) <= CSF_DEPTH_MAX;
	if (ok != !err) {
		show(data, size);
		fprintf(stderr, "scanner: %s; jansson: %s\n", err ? err : "accepts",
		    !o ? e.text : !json_is_object(o) ? "not an object" : ok ? "accepts" : "too deep");
		abort();
	}
	if (ok) {
		/* What the reader ends with: the scanned type, or for the
		 * sentinel (escaped, or too long for the buffer) the decoded one. */
		const char *t = json_string_value(json_object_get(o, "type"));
		char want[CSF_TYPE_MAX];
		snprintf(want, sizeof want, "%s", t ? t : "");
		if (type[0] != '\\' && strcmp(type, want)) {
			show(data, size);
			fprintf(stderr, "scanner type '%s', jansson type '%s'\n", type, want);
			abort();
		}
	}
	json_decref(o);
	free(text);
	return 0;
}
