/* schema_impl.h - what the record table (schema_table.c) and the checker
 * (schema.c) share; not for other folders (check/schema.h is the
 * interface). */
#ifndef CSF_SCHEMA_IMPL_H
#define CSF_SCHEMA_IMPL_H

#include "core/csf.h"
#include "check/schema.h"

enum kind { K_ANY, K_STR, K_INT, K_NUM, K_BOOL, K_ARR, K_OBJ,
            K_TEXT,    /* an object with "ja" and "en" strings */
            K_STRS };  /* a string or an array of strings */

enum {
	REQ = 1,       /* must be present */
	NONEMPTY = 2,  /* string or array must not be empty */
	NULLOK = 4,    /* null is allowed in place of the kind */
	ID = 8,        /* the record's ID: unique within its type */
};

/* A path names what a rule applies to: "name", "crosswalk.secbok",
 * "items[]" (each element), "items[].mode", "means.*" (each member). */
struct field {
	const char *path;
	enum kind kind;
	unsigned flags;
	const char *pattern;  /* extended regex the whole string must match */
	const char *oneof;    /* allowed strings, "own|support|outsource" */
	const char *ref;      /* the string is an ID of one of these types */
	const char *nice;     /* the string is a NICE ID of this element kind */
	const char *defines;  /* the string is an ID of this (nested) type */
	int ranged;
	double min, max;
};
#define F(p, k, fl, ...) { .path = (p), .kind = (k), .flags = (fl), __VA_ARGS__ }
#define RANGE(a, b) .ranged = 1, .min = (a), .max = (b)
#define SOURCE F("source", K_STR, REQ | NONEMPTY)
/* Which fields of a sourced record are our own words or reading. */
#define PROVENANCE F("authored", K_ARR, 0), F("authored[]", K_STR, NONEMPTY), \
	F("inferred", K_ARR, 0), F("inferred[]", K_STR, NONEMPTY)
#define TKS_ID "[TKS][0-9]{3}"
/* Tasks, knowledge and skills share one shape; the ID letter and the NICE
 * element type their "nice" IDs name differ. */
#define TKS_SCHEMA(type, letter) { type, { \
	F("id", K_STR, REQ | ID, .pattern = letter "[0-9]{3}"), \
	F("roles", K_ARR, REQ | NONEMPTY), \
	F("roles[]", K_STR, 0, .ref = "role"), \
	F("text", K_TEXT, REQ), \
	F("nice", K_ARR, 0), \
	F("nice[]", K_STR, 0, .nice = type), \
	F("variants", K_ARR, 0), \
	F("variants[]", K_OBJ, 0), \
	F("variants[].ja", K_STR, REQ | NONEMPTY), \
	F("variants[].source", K_STR, REQ | NONEMPTY), \
	SOURCE, PROVENANCE } }

#define MAX_FIELDS 24
struct schema {
	const char *type;
	struct field f[MAX_FIELDS];
};

/* The table: one entry per record type. */
extern const struct schema schemas[];
extern const size_t nschemas;

#endif
