/* flat.h - a record's top-level members read straight from its line, for
 * records a tool keeps by the hundred thousand (a person's scores, gaps
 * and plan steps in the HTML report), where a jansson tree per record cost
 * more than drawing it. One allocation holds the line and its members;
 * top-level strings are unescaped in place. Works on lines csf_input_next
 * returned (already validated JSON). */
#ifndef CSF_FLAT_H
#define CSF_FLAT_H

#include <stddef.h>
#include <jansson.h>

#include "core/fields.h"

typedef struct csf_flat csf_flat;

/* NULL if text is not an object. */
csf_flat *csf_flat_new(const char *text, size_t len);
/* The same for a decoded record (written out, then read flat). */
csf_flat *csf_flat_of_json(const json_t *rec);
void csf_flat_free(csf_flat *r);

/* The member's raw JSON value (strings: their text, unescaped, with the
 * quotes gone); 0 if absent. The last one wins when a key repeats. */
int csf_flat_get(const csf_flat *r, const char *key, csf_field *v);
int csf_flat_has(const csf_flat *r, const char *key);
/* A string member, NUL-terminated; NULL if absent or not a string. */
const char *csf_flat_str(const csf_flat *r, const char *key);
/* A number member into *x: CSF_FLAT_INT or CSF_FLAT_REAL (as jansson
 * would type it), 0 if absent or not a number. */
enum { CSF_FLAT_INT = 1, CSF_FLAT_REAL = 2 };
int csf_flat_num(const csf_flat *r, const char *key, double *x);
/* The same for a raw value (a field read off a line). */
int csf_field_num(const csf_field *f, double *x);
/* An integer member (no fraction or exponent); 0 if not one. */
int csf_flat_int(const csf_flat *r, const char *key, long long *v);
/* The elements of an array member; 0 if not an array. */
int csf_flat_array(const csf_flat *r, const char *key, csf_iter *it);
/* An array element or other raw value that is a string, unescaped into
 * buf; NULL if it is not a string or does not fit. */
const char *csf_raw_str(const csf_field *v, char *buf, size_t size);

#endif
