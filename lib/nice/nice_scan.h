/* nice_scan.h - reading NIST's NICE export (nice_scan.c) for the loader
 * (nice.c): the file into one buffer, then one scan that validates every
 * byte as JSON and keeps the strings the database needs. Not for other
 * folders; lib/nice/nice.h is the loader's interface. */
#ifndef CSF_NICE_SCAN_H
#define CSF_NICE_SCAN_H

#include <stddef.h>

/* What the scan collects from one level that holds the four keys: the
 * top (v2.0.0, v2.2.0) or response.elements (v2.1.0). */
struct level {
	int seen, has_elems, has_rels;
	struct raw_elem { char *id, *kind, *title, *text, *doc; } *elems;
	size_t nelems, celems;
	struct raw_rel { char *src, *dst; } *rels;
	size_t nrels, crels;
	const char *version, *doc_id;  /* first document with a version */
	size_t ndocs;
	size_t bad;                    /* array members without string IDs */
};

/* The file at PATH ("-" stdin; NAME in messages) in one NUL-terminated
 * buffer of *LENP bytes; NULL after a message. */
char *nice_slurp(const char *path, const char *name, size_t *lenp);
/* Scan BUF (LEN bytes) as one JSON document, unescaping the kept strings
 * in place: LV[0] gets the top level, LV[1] response.elements. NULL, or
 * the message and *LINE where the document is bad (LV then empty). */
const char *nice_scan(char *buf, size_t len, struct level lv[2], long *line);
void nice_levels_free(struct level lv[2]);

#endif
