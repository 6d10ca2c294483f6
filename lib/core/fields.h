/* fields.h - read a few top-level members of a record without decoding
 * the rest: the fast path for records a tool consumes by the million.
 * Works on lines csf_input_next returned (already validated JSON). */
#ifndef CSF_FIELDS_H
#define CSF_FIELDS_H

#include <stddef.h>

#include "core/csf.h"

typedef struct {
	const char *name;      /* the member wanted */
	const char *val;       /* its raw JSON value, NULL if absent */
	size_t len;
} csf_field;

/* Fill val/len of each wanted member (the last one when a key repeats,
 * as jansson does); at most 16 members. Returns -1 if text is not an
 * object, or does not end with its closing brace. */
int csf_fields(const char *text, size_t len, csf_field *want, int n);
/* The same for a line csf_input_next returned, from the places of its
 * members its scan noted (ln->members), without reading it again; a line
 * without them is scanned as csf_fields does. */
int csf_line_fields(const csf_line *ln, csf_field *want, int n);
/* The same, for reading share/csf (tests/fastpath.bats replaces
 * csf_fields to switch the tools' fast paths off, not data loading). */
int csf_data_fields(const char *text, size_t len, csf_field *want, int n);
/* The same for the i-th data record of a type: from the places its
 * file's index noted (data.c), or by reading its text. */
int csf_data_record_fields(const char *type, size_t i, csf_field *want, int n);
/* The raw "roles" value of the i-th data record of a type, as read when
 * its file was indexed (val NULL if none). (data.c) */
void csf_data_roles(const char *type, size_t i, csf_field *roles);
/* The same for "nice" (the crosswalk indexes of lib/nice). */
void csf_data_nice(const char *type, size_t i, csf_field *nice);
int csf_field_null(const csf_field *f);
/* An integer literal (no fraction or exponent) into *v: 1, else 0. */
int csf_field_int(const csf_field *f, long long *v);
/* A string, unescaped into buf with a NUL: its length; -1 if the value
 * is not a string or does not fit. */
long csf_field_str(const csf_field *f, char *buf, size_t size);
/* What csf_text says of a raw language object {"ja":..,"en":..} (or a
 * string) of a validated line: newly allocated, "" if none. (data.c) */
char *csf_field_text(const csf_field *f);

/* The elements of an array value. */
typedef struct csf_iter {
	const char *p, *end;
	struct csf_iter *outer;   /* csf_iter_enter's */
} csf_iter;
int csf_field_array(const csf_field *f, csf_iter *it);   /* 1 if an array */
int csf_iter_next(csf_iter *it, csf_field *elem);        /* 1 and the element */
/* Step into the next element of *it when it is an array (1), read in one
 * pass: iterate *inner to its end (csf_iter_next returns 0), and *it
 * goes on after it. 0 at the end of *it, -1 if the element is not an
 * array. */
int csf_iter_enter(csf_iter *it, csf_iter *inner);

#endif
