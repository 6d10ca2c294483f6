/* render_report.h - what the HTML and SVG reports recognise in a stream:
 * the management model's result sheet per subject (score/maturity/gap/plan
 * records of the 経営ガイドライン model), built once and drawn by both. */
#ifndef CSF_RENDER_REPORT_H
#define CSF_RENDER_REPORT_H

#include "core/flat.h"
#include "render/render.h"

/* A cache in front of a strmap for IDs of up to 8 bytes ("K007",
 * "R03"): a look-up per row of a person's tables compares one word
 * instead of hashing the ID and chasing the map's key. Values are the
 * map's (they live for the run). */
#define CSF_IDCACHE 256
struct csf_idcache {
	uint64_t key[CSF_IDCACHE];   /* the ID's bytes, 0: empty */
	void *val[CSF_IDCACHE];
};

/* The ID as a word and its place in the cache; 0 if it is empty or
 * longer than 8 bytes. */
static inline int
csf_idcache_word(const char *id, uint64_t *w, unsigned *at)
{
	uint64_t x = 0;
	size_t i;
	for (i = 0; i < 8 && id[i]; i++)
		x |= (uint64_t)(unsigned char)id[i] << (8 * i);
	if (i == 8 && id[8])
		return 0;
	*w = x;
	*at = (unsigned)((x * 0x9e3779b97f4a7c15ull) >> 56) % CSF_IDCACHE;
	return x != 0;
}

/* The same for strings of any length (csf-plan's reason sentences,
 * resource IDs): a slot by a hash of their words, a hit known by one
 * compare. Keys are copied; values are the caller's and
 * must live as long as the cache (or be dropped with the key). */
#define CSF_STRCACHE 4096
struct csf_strcache {
	struct csf_strcache_entry {
		char *key;
		size_t len;
		void *val;
	} e[CSF_STRCACHE];
};

static inline unsigned
csf_strcache_at(const char *s, size_t len)
{
	/* every byte, 8 at a time: sentences differ in an ID mid-way */
	uint64_t h = (uint64_t)len * 0x165667b19e3779f9ull, w;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	}
	w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	return (unsigned)(h >> 52) % CSF_STRCACHE;
}

/* The value of s, or NULL. */
static inline void *
csf_strcache_get(const struct csf_strcache *c, const char *s, size_t len)
{
	const struct csf_strcache_entry *e = &c->e[csf_strcache_at(s, len)];
	return e->key && e->len == len && !memcmp(e->key, s, len) ? e->val : NULL;
}

/* s's slot now holds val; the value it held before, if any, for the
 * caller to drop (NULL if none). */
void *csf_strcache_put(struct csf_strcache *c, const char *s, size_t len, void *val);

/* String equality without a call: the shape of every record is told by a
 * few of these, on short words ("score", "item"). */
static inline int
csf_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The directives, in model order: the columns of the sheet, the radar's axes. */
struct csf_axes {
	size_t n;
	char **ids;      /* "D1" */
	char **nos;      /* "1" */
	char **names;    /* the directive's name in --lang ("" if unknown) */
};

struct csf_bench_row {
	const char *cls;   /* "A", "B", "C"; NULL for the overall mean */
	double *v;         /* per axis, NAN where missing */
};

/* One subject's result sheet. Records are borrowed from the doc. */
struct csf_karte {
	const char *subject;
	double *own;                   /* directive means as shown (1 decimal) */
	double *dev;                   /* their 偏差値 within the cohort, NAN if none */
	double *gap;                   /* gap to the target class */
	int *flag;                     /* 0, 1 (>= 1 point) or 2 (>= 2 points) */
	int has_gap;
	const char *target;            /* "A", "B" or "5" */
	const char *bench_set, *bench_version;
	struct csf_bench_row bench[4]; /* overall, C, B, A as the sheet prints them */
	size_t nbench;
	json_t *profile, *maturity, *gapsum;
	json_t *hints;                 /* plan records of kind hint, by rank */
	json_t *checks;                /* score records of kind check */
};

/* One person of the self-assessment pipeline (TKS model). */
struct csf_person {
	const char *subject;
	json_t *profile;
	json_t *summaries;   /* score records of kind role and persona */
	json_t *items;       /* score records of kind item */
	json_t *gaps;        /* gap records of kind item */
	json_t *gapsum;      /* the gap record of kind subject */
	json_t *steps;       /* plan records of kind step */
	json_t *plansum;     /* the plan record of kind subject */
};

/* The same person with each record read flat (render_person.c): what the
 * HTML report draws a person from, so that people streamed by the hundred
 * thousand records never become trees. The profile stays a tree. */
struct csf_flat_list {
	csf_flat **v;
	size_t n, cap;
};
struct csf_flat_person {
	const char *subject;
	const json_t *profile;           /* borrowed */
	struct csf_flat_list summaries, items, gaps, steps;
	csf_flat *gapsum, *plansum;
};
/* File a flat record (a person record by csf_report_flat_is_person) under
 * its section; the person owns it from now. */
void csf_flat_person_add(struct csf_flat_person *p, const char *type, csf_flat *rec);
/* A held person's records, read flat. */
void csf_flat_person_of(struct csf_flat_person *fp, const struct csf_person *p);
/* Free the records (the lists keep their room for the next person). */
void csf_flat_person_clear(struct csf_flat_person *p);
void csf_flat_person_free(struct csf_flat_person *p);
const char *csf_flat_person_name(const struct csf_flat_person *p);

/* Roles (and personas) by departments: mean coverage of the people there. */
struct csf_heat {
	size_t nrows, ncols;
	char **rowids;       /* "R03" or "persona:c" */
	char **rows;         /* labels in --lang */
	char **cols;         /* departments */
	double *v;           /* nrows x ncols, NAN where nobody */
	int *n;
};

/* What the heat map needs of a person: the department and, per role or
 * persona summary, its ID and coverage. Kept instead of the records when
 * the report streams people. */
struct csf_heat_entry {
	int is_role;
	char *id;            /* NULL when the record lacks it */
	double cov;          /* NAN when the record lacks it */
};
struct csf_heat_src {
	char *dept;          /* NULL when the person has no department */
	size_t n;
	struct csf_heat_entry *e;
};

struct csf_report {
	struct csf_axes axes;
	struct csf_karte *karte;
	size_t nkarte;
	struct csf_person *person;
	size_t nperson;
	json_t *groups;      /* gap records of kind group (TKS): departments, roles */
	struct csf_heat heat;
	csf_doc *rest;                 /* records no section shows, by type */
	size_t nrest;
};

struct csf_report *csf_report_build(const csf_doc *d);
/* Does a record belong on a result sheet / to a person (both need a subject)? */
int csf_report_is_karte(const char *type, const json_t *rec);
int csf_report_is_person(const char *type, const json_t *rec);
/* What recognising a record looks at: its kind and a few keys, read from a
 * tree, a flat record or fields of a line alike. */
struct csf_shape {
	const char *kind;        /* "" if none */
	int has_directive;       /* the key at all */
	int directive_string, has_directives, class_string;
};
/* Does a record of this shape (with a subject) belong to a person, and
 * not to a result sheet? */
int csf_report_shape_person(const char *type, const struct csf_shape *sh);
/* A record read flat: its subject if it belongs to a person (and not to
 * a result sheet), else NULL. */
const char *csf_report_flat_person(const char *type, const csf_flat *rec);
/* File a person's record under its section (arrays take a reference; the
 * gap and plan summaries are borrowed). */
void csf_report_person_add(struct csf_person *p, const char *type, json_t *rec);
/* A person's heat-map figures; copy: own the strings (else borrow them). */
void csf_heat_src_of(struct csf_heat_src *s, const struct csf_person *p, int copy);
void csf_heat_src_free(struct csf_heat_src *s, int copied);
/* One more role or persona summary (the ID copied), as a streamed
 * person's records pass. */
void csf_heat_src_add(struct csf_heat_src *s, int is_role, const char *id, double cov);
/* A role or persona summary's figures (the ID borrowed). */
void csf_heat_entry_of(struct csf_heat_entry *e, const json_t *summary);
/* The heat map of people in report order. */
void csf_heat_build(struct csf_heat *h, const struct csf_heat_src *src, size_t n);
/* The same, one person at a time in report order: what is held is the
 * cells (roles and personas by departments), not the people. _end fills
 * h and frees the accumulator. */
struct csf_heat_acc *csf_heat_acc_new(void);
void csf_heat_acc_person(struct csf_heat_acc *a, const struct csf_heat_src *s);
void csf_heat_acc_end(struct csf_heat_acc *a, struct csf_heat *h);
void csf_heat_free(struct csf_heat *h);
void csf_report_free(struct csf_report *r);
/* The sheet's radar chart: benchmark rows and the subject. With notes, a
 * file of its own (.svg) with them under the chart; NULL: inline in HTML. */
void csf_report_radar(FILE *f, const struct csf_karte *k, const struct csf_axes *ax, const struct csf_svg_notes *notes);
/* --format svg of a built report (render_chart.c): 1 if nothing was drawn. */
int csf_report_svg(const struct csf_report *r, FILE *f, const struct csf_render_opts *o);
/* The organisation's heat map as SVG. */
void csf_report_heatmap(FILE *f, const struct csf_heat *h, int standalone);
/* A person's levels against targets as SVG bars; 0 if nothing to draw. */
int csf_report_bars(FILE *f, const struct csf_person *p, int standalone);
int csf_report_flat_bars_buf(csf_buf *out, const struct csf_flat_person *p, int standalone);
/* HTML tables of a document's records, one per kind, as the tabular
 * formats show them. */
void csf_report_tables(FILE *f, const csf_doc *rest);

#endif

/* ---- what a result sheet says besides its numbers (render_report.c),
 * the same words in html, pdf and svg ---- */
/* "比較群 industry=KK, n=11"; NULL when the maturity record has no cohort. */
char *csf_karte_cohort(const struct csf_karte *k);
/* The 偏差値 fact: "60.0 (比較群 industry=KK, n=11)", the value replaced by
 * the suppressed word in a small cohort; NULL without a cohort. */
char *csf_karte_deviation(const struct csf_karte *k);
/* The name of the check set the answers are to; NULL when nothing says. */
const char *csf_karte_generation(const struct csf_karte *k);
/* The answer scale of the data's check set (1 to 5 for Guideline Ver2.0;
 * 1 to 5 when the data say none): the charts' range. */
void csf_karte_scale(int *lo, int *hi);
/* Does a check score say who answered, or on what evidence? */
int csf_check_has_who(const json_t *c);
/* The answers that do, in sheet order: per row item, answer (1 decimal),
 * assessor, evidence, date ("" where the score has none). */
#define CSF_WHO_COLS 5
struct csf_who {
	size_t n;
	char **cells;     /* n x CSF_WHO_COLS */
	int dated;        /* some row has a date */
};
void csf_karte_who(struct csf_who *w, const struct csf_karte *k);
void csf_who_free(struct csf_who *w);

/* ---- the summary a report opens with (render_overview.c) ---- */
struct csf_gap_count {
	char item[16];
	size_t people;       /* people below target on the item */
	double total;        /* the sum of their gaps */
};
struct csf_overview {
	char *org;           /* the organisation a record names, NULL if none */
	char date[11];       /* YYYY-MM-DD: the latest date a record gives, else today */
	int date_from_data;
	size_t people;
	long items, at_target;   /* over the people's gap summaries */
	json_t *gapix;       /* item -> index in gaps */
	struct csf_idcache gapcache;   /* in front of it: the index + 1 */
	struct csf_gap_count *gaps;
	size_t ngaps;
	size_t nspof;        /* single points of failure over the groups */
};
void csf_overview_init(struct csf_overview *ov);
/* What a record says of the whole: the organisation, the date. */
void csf_overview_record(struct csf_overview *ov, const char *type, const json_t *rec);
void csf_overview_person(struct csf_overview *ov, const struct csf_person *p);
/* The same in parts, as a streamed person's records pass: a date a
 * record gives, a gap, and at the person's end their profile and the gap
 * summary's counts (has_counts 0 if none). */
void csf_overview_date(struct csf_overview *ov, const char *date);
extern const char *const csf_overview_date_keys[];   /* the keys dates are read from, NULL-ended */
void csf_overview_gap(struct csf_overview *ov, const char *item, double gap);
void csf_overview_people(struct csf_overview *ov, const json_t *profile, int has_counts, long items, long at_target);
/* Sort the gaps, count single points of failure, fix the date. */
void csf_overview_finish(struct csf_overview *ov, const struct csf_report *r);
void csf_overview_free(struct csf_overview *ov);
/* init, record and person for every record and person a held document has,
 * then finish: the overview of a report rendered from memory. */
void csf_overview_of_doc(struct csf_overview *ov, const csf_doc *d, const struct csf_report *r);
/* A person as the reader knows them: the profile's name, else the subject. */
const char *csf_person_name(const struct csf_person *p);
