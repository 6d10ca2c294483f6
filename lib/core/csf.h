/* csf.h - the core every csf tool shares: errors, options, NDJSON in and
 * out, the data directory and the reference-data index. */
#ifndef CSF_H
#define CSF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <getopt.h>
#include <jansson.h>

#ifndef CSF_VERSION
#define CSF_VERSION "0.0.0"
#endif

/* Bounds on every read (documented in csf(7)). */
#define CSF_LINE_MAX   (1 << 20)   /* bytes per NDJSON line */
#define CSF_DEPTH_MAX  64          /* nesting of arrays/objects */
#define CSF_TYPE_MAX   32          /* bytes of a "type" kept without a second decode */
#define CSF_MSG_MAX    1024        /* bytes of one message (its middle is cut) */

/* ---- errors (err.c) ---- */
extern const char *argv0;          /* "csf-roles", set by csf_init */
/* Every message a person reads is written with a literal English format
 * (the msgid); the error functions look it up in the catalogue of the
 * chosen language (po/ja.po, compiled into msgcat_ja.c), so --lang is
 * honoured whatever the locale. A format that is exactly "%s" translates
 * its argument: messages kept in tables are marked N_("...") so `make po`
 * finds them. See po/README. */
#define N_(msgid) msgid
/* The catalogue text of msgid in csf_opt.lang; msgid itself if none. */
const char *csf_tr(const char *msgid);
/* snprintf of the translated fmt into buf (for messages a caller prints later). */
void csf_msgf(char *buf, size_t size, const char *fmt, ...);
/* strerror(e) in the chosen language. */
const char *csf_strerror(int e);
void csf_warn(const char *fmt, ...);
_Noreturn void csf_die(int status, const char *fmt, ...);
/* "csf-X: FILE:LINE: message" on stderr */
void csf_warn_at(const char *file, long line, const char *fmt, ...);
void csf_vwarn_at(const char *file, long line, const char *fmt, va_list ap);
/* The line a message prints as (without its newline; the caller frees):
 * control characters escaped, too long a message cut in the middle. */
char *csf_message_line(const char *file, long line, const char *msg);
/* Line numbers past CSF_LINES_UNCOUNTED count on from lines not counted
 * yet: a piece of a file read by a worker (core/jobs.c) numbers its lines
 * so, and a message asks real_line() for its number: counting the lines
 * before a piece costs a sixth of a worker's time and is seldom needed. */
#define CSF_LINES_UNCOUNTED (1L << 60)
void csf_lines_counted_by(long (*real_line)(long line));
/* The line number to print for line (a stored "first at" line too). */
long csf_line_number(long line);
/* s[0..n) with control characters, bidi controls and bytes that are not
 * UTF-8 written as visible escapes (\n, \e, \x01, \u202e). Caller frees. */
char *csf_escape_text(const char *s, size_t n);
/* printf into a new string (caller frees). */
char *csf_fmt(const char *fmt, ...);
char *csf_vfmt(const char *fmt, va_list ap);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* ---- options common to all tools (cli.c) ---- */
struct csf_common {
	const char *output;    /* -o FILE, NULL = stdout */
	const char *datadir;   /* --data DIR */
	const char *lang;      /* "ja" or "en" */
	int keep_going;        /* --keep-going */
};
extern struct csf_common csf_opt;

enum { CSF_OPT_DATA = 0x100, CSF_OPT_LANG, CSF_OPT_VERSION, CSF_OPT_KEEP_GOING,
       CSF_OPT_FIRST_FREE = 0x200 };  /* tools number their own long-only options from here */

/* Spliced into a tool's struct option array (before its {0} end). */
#define CSF_COMMON_LONGOPTS \
	{ "output", required_argument, NULL, 'o' }, \
	{ "data", required_argument, NULL, CSF_OPT_DATA }, \
	{ "lang", required_argument, NULL, CSF_OPT_LANG }, \
	{ "keep-going", no_argument, NULL, CSF_OPT_KEEP_GOING }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, CSF_OPT_VERSION }
#define CSF_COMMON_SHORTOPTS "o:h"

/* Set argv0 and the default language (LC_ALL > LC_MESSAGES > LANG). */
void csf_init(int argc, char **argv);
/* A tool's usage text in both languages; the one printed follows
 * csf_opt.lang at the moment of printing, so "--lang ja --help" is
 * Japanese. Synopsis lines and option names are the same in both. */
struct csf_usage_text {
	const char *en, *ja;
};
/* Handle a common option; the usage text is printed for -h. Returns 1 if
 * the option was common, 0 if the tool must handle it. Exits on
 * --help/--version, and with status 2 on a bad --lang. */
int csf_common_option(int c, const char *arg, const struct csf_usage_text *usage);
/* Print the usage text to stderr and exit 2 (unknown option, bad argument). */
_Noreturn void csf_usage(const struct csf_usage_text *usage);
/* A usage mistake said in words, then "Try 'csf-X --help'", exit 2. */
_Noreturn void csf_usage_error(const char *fmt, ...);
/* "Try 'csf-X --help' for more information." and exit 2. */
_Noreturn void csf_try_help(void);
/* Option values, checked whole; each exits 2 with a message naming the
 * option (OPT is its long name, "--top") when ARG does not fit. */
long csf_arg_long(const char *opt, const char *arg, long min, long max);
double csf_arg_double(const char *opt, const char *arg, double min, double max);
const char *csf_arg_nonempty(const char *opt, const char *arg);
/* A comma list without empty names ("R03,,R08" and "R03," are refused). */
const char *csf_arg_list(const char *opt, const char *arg);
/* Index of ARG among CHOICES ("csv|ndjson"). */
int csf_arg_choice(const char *opt, const char *arg, const char *choices);
/* A record field name: not empty, not an option ("--by --merge"). */
const char *csf_arg_field(const char *opt, const char *arg);

/* ---- NDJSON input (ndjson.c) ---- */
typedef struct {
	const char *file;          /* "<stdin>" or the path */
	long line;                 /* 1-based physical line */
	char *text;                /* the record, without BOM, CR or LF; NUL-terminated */
	size_t len;
	const char *type;          /* top-level "type" value, whole, "" if none;
	                            * valid until the next record is read */
	const struct csf_members *members;   /* where its members are, or NULL: see
	                                      * csf_input_note_members */
} csf_line;

typedef struct csf_input csf_input;

/* Files to read in order; nfiles 0 means stdin; "-" is stdin. */
csf_input *csf_input_open(int nfiles, char **files);
/* One regular file's bytes from start to end (a piece of it starting at a
 * line), numbered as lines_before + 1 on; *path outlives the input. */
csf_input *csf_input_open_range(char **path, off_t start, off_t end, long lines_before);
/* Have the scan of each line note where its top-level members are
 * (ln->members), for tools that read a few fields of most lines
 * (csf_line_fields): it costs a little on every line. */
void csf_input_note_members(csf_input *in);
/* Next syntactically valid JSON object line; 0 at end of all input. Lines
 * that are too long, not UTF-8, not JSON or not an object are reported with
 * file:line and skipped under --keep-going; otherwise the tool exits 1. */
int csf_input_next(csf_input *in, csf_line *ln);
/* The same in two steps, for a reader that takes lines in the exact form a
 * tool writes (a merge's partial records) in one pass of its own: the next
 * line within the bound, not yet validated (type and members NULL); then,
 * for a line that reader did not take, the validation: 1 with type and
 * members set, or 0 when the line was reported (skip it). */
int csf_input_next_unchecked(csf_input *in, csf_line *ln);
int csf_input_check(csf_input *in, csf_line *ln);
/* Full parse of a line csf_input_next returned (never NULL: the line was
 * already validated). The caller owns the reference. */
json_t *csf_line_parse(const csf_line *ln);
/* A record that is well-formed JSON but bad data: report it with file:line.
 * Without --keep-going this exits 1 (after removing a pending -o file). */
void csf_input_bad(csf_input *in, const csf_line *ln, const char *fmt, ...);
/* Number of bad lines reported so far. */
long csf_input_errors(const csf_input *in);
/* A bad record found after its input was closed (a sum that only adds
 * up wrong at the end): reported like csf_input_bad, at FILE:LINE. */
void csf_bad_at(const char *file, long line, const char *fmt, ...);
/* Bad records reported so far by every input and csf_bad_at. */
long csf_bad_total(void);
void csf_input_close(csf_input *in);
/* Reading twice (a report whose summary comes before what it sums up):
 * can the input be read again from its start (regular files, stdin
 * redirected from one)? Ask before reading. */
int csf_input_can_rewind(csf_input *in);
/* Back to the start of the first file; bad lines are not reported again.
 * trusted: the lines are not validated again either (the caller reads
 * them within their bounds and only needs records it read the first
 * time), and their type is not read either: ln->type is NULL. */
void csf_input_rewind(csf_input *in, int trusted);
/* An input over a stream the caller wrote (a spool), read from its start;
 * the stream stays the caller's. */
csf_input *csf_input_of_stream(FILE *fp, const char *name);

/* Validate one JSON text without building it; on success *type receives the
 * top-level "type" string (if any), or "\\" when it is escaped or does not
 * fit in typesz bytes (decode the line to read it). Returns NULL on success
 * or a static message. (jscan.c) */
const char *csf_scan_json(const char *s, size_t len, char *type, size_t typesz);
/* The same, also noting in *idx where each top-level member's key and
 * value are, so a reader of a few fields needs no second scan (fields.h).
 * idx->n is -1 when the line has an escaped key or more than
 * CSF_MEMBERS_MAX members. */
#define CSF_MEMBERS_MAX 24
typedef struct csf_members {
	int n;
	struct csf_member {
		const char *key;   /* between the quotes */
		size_t klen;
		const char *val;   /* the raw JSON value */
		size_t vlen;
	} m[CSF_MEMBERS_MAX];
} csf_members;
const char *csf_scan_index(const char *s, size_t len, char *type, size_t typesz, csf_members *idx);
/* Length of the well-formed UTF-8 sequence at p (1-4), 0 if malformed or
 * cut short by end: no overlongs, surrogates or code points past U+10FFFF.
 * (utf8.c) */
int csf_utf8_len(const unsigned char *p, const unsigned char *end);

/* Decode a line csf_scan_json accepted into the value json_loadb would
 * give, without decoding it a second time byte by byte. (jbuild.c) */
json_t *csf_build_json(const char *text, size_t len);

/* ---- output (out.c) ---- */
/* Open stdout or, with -o, a temp file beside the target; csf_out_close
 * renames it into place. An exit before close removes the temp file. */
FILE *csf_out_open(void);
int csf_out_close(void);   /* 0 ok; on error reports and returns 1 */
/* In a worker process (csf-gap -j): records go to fp; the parent's
 * output is left alone. */
void csf_out_to(FILE *fp);
extern FILE *csf_out;
/* One compact JSON line, keys in insertion order: json_dumpb with these. */
#define CSF_EMIT_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
void csf_emit(json_t *obj);
/* The same in one write, past stdio: a pipe that several shards share
 * keeps a line under 4096 bytes whole. */
void csf_emit_whole(json_t *obj);
/* The same, and drop the reference. */
void csf_emit_new(json_t *obj);
/* Copy a record through unchanged. */
void csf_pass(const csf_line *ln);
/* Write whole lines (buf ends in a newline) with one write(2), after
 * what is buffered: a pipe never interleaves them with another writer's
 * lines when len is at most CSF_ATOMIC_MAX (PIPE_BUF on Linux). */
#define CSF_ATOMIC_MAX 4096
void csf_out_atomic(const char *buf, size_t len);
/* write(2) all n bytes of p to fd, again after a signal or a short
 * write; the bytes written (fewer: an error, errno set). */
size_t csf_write_all(int fd, const void *p, size_t n);
/* Copy a record through: the line as read, or the object for CSV rows. */
void csf_pass_record(const csf_line *ln, json_t *obj);
/* "5-7": a 経営ガイドライン check item, not a TKS ID (item IDs are
 * routed to the model that owns them). */
int csf_is_check_id(const char *item);
/* Copy a record through with one more member, "key":json, added at the
 * end (the record must not have KEY already; KEY needs no escaping). */
void csf_pass_add(const csf_line *ln, const char *key, const char *json, size_t len);
/* Round to n decimals, half away from zero, so emitted reals stay short. */
double csf_round(double x, int decimals);

/* ---- data directory and reference data (data.c) ---- */
const char *csf_datadir(void);
/* Exit 2 with "DIR: no csf reference data (looked in ...)" unless the data
 * directory holds data files; every load calls it first. */
void csf_data_require(void);
/* All records of a type, in file order (borrowed array; loads lazily). */
json_t *csf_data_all(const char *type);
/* The records of a type without decoding them: how many, the text of
 * the i-th (for csf_fields; not validated until csf_data_at builds it),
 * and its tree (borrowed). */
size_t csf_data_count(const char *type);
const char *csf_data_text(const char *type, size_t i, size_t *len);
/* The same, validated as building its tree would (file:line, exit 1):
 * for reading text that reaches the output without building the tree. */
const char *csf_data_valid_text(const char *type, size_t i, size_t *len);
json_t *csf_data_at(const char *type, size_t i);
/* What csf_text says of its member KEY (a language object or a string),
 * newly allocated, without building its tree; its line is validated. */
char *csf_data_lang(const char *type, size_t i, const char *key);
/* Its line, when the file's index says it is what csf_emit writes of its
 * tree (so a tool may copy it instead); NULL when it is not, or unknown. */
const char *csf_data_line(const char *type, size_t i, size_t *len);
/* Its "id" as read when the file was indexed (NULL if none). */
const char *csf_data_id(const char *type, size_t i);
/* One record by type and id (borrowed), NULL if none. */
json_t *csf_data_find(const char *type, const char *id);
/* csf_text of key's value in that record (a new string), read off its
 * line without a tree; NULL if there is no such record. */
char *csf_data_find_text(const char *type, const char *id, const char *key);
/* A task/knowledge/skill by ID (T/K/S prefix), NULL if none. */
json_t *csf_data_item(const char *id);
/* Text of a {"ja":..,"en":..} object in the chosen language, falling back to
 * the other; "" if none. */
const char *csf_text(const json_t *langobj);
/* Write the compact index of the data file PATH to OUT (NAME.idx beside
 * NAME.ndjson is where the loader looks; `make` writes them): 0, or -1
 * with errno. (data.c, dataindex.h) */
int csf_data_write_index(const char *path, const char *out);
/* Frees the index. Tools do not call it: the exit is quicker, and what
 * the index holds stays reachable for leak checkers. */
void csf_data_free(void);

/* ---- small json helpers (jsonutil.c) ---- */
const char *csf_str(const json_t *obj, const char *key);   /* NULL if absent or not a string */
int csf_in_list(const char *list, const char *s);   /* s is a name in the comma-separated list */
int csf_array_has(const json_t *arr, const char *s);  /* arr (an array or not) holds the string s */
/* A bad value for a message: compact JSON in buf, cut with "..." to fit n. */
const char *csf_json_show(const json_t *v, char *buf, size_t n);

#endif
