/* jw.h - write one JSON record straight into a buffer, for tools that emit
 * many records of a fixed shape: no json_t tree to build, sort and free.
 * The text is byte for byte what csf_emit writes for the same object
 * (compact, keys in call order, strings escaped as jansson does, reals at
 * 15 significant digits). */
#ifndef CSF_JW_H
#define CSF_JW_H

#include <stddef.h>

#define JW_DEPTH 16

typedef struct {
	char *buf;
	size_t len, cap;
	int depth;
	unsigned char first[JW_DEPTH];   /* no member written yet at this depth */
	char kind[JW_DEPTH];             /* '[' or '{' opened at this depth */
} jw;

/* Start a record: "{". */
void jw_begin(jw *w);
/* Members: key NULL inside an array. */
void jw_str(jw *w, const char *key, const char *val);   /* NULL val writes null */
void jw_int(jw *w, const char *key, long long val);
void jw_real(jw *w, const char *key, double val);
void jw_null(jw *w, const char *key);
/* A member whose value is JSON text already encoded as csf_emit would. */
void jw_raw(jw *w, const char *key, const char *json, size_t len);
void jw_array(jw *w, const char *key);     /* opens "[" */
void jw_object(jw *w, const char *key);    /* opens "{" */
void jw_close(jw *w);                      /* closes the innermost "[" or "{" */
/* Bytes appended as they are: JSON text jw wrote before (a record's
 * parts that repeat, see jw_part), for writers of records by the
 * million. The caller places the commas. */
void jw_paste(jw *w, const char *text, size_t n);
/* The members written since jw_begin, without the "{": a part for
 * jw_paste, malloc'd, its length in *n. */
char *jw_part(const jw *w, size_t *n);
/* End the record and write it with a newline to csf_out. */
void jw_emit(jw *w);
/* The same with one write(2) (csf_out_atomic). */
void jw_emit_atomic(jw *w);
void jw_free(jw *w);

#endif
