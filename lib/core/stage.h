/* stage.h - the shape every model takes in a pipeline tool (csf-assess,
 * csf-gap, csf-plan). A model offers one stage per tool: its options and
 * help lines, the record types it reads, and start / record / finish.
 * A tool is its own options plus a table of stages; csf_stage_run reads
 * the input and hands each record to the stage that takes it. Records no
 * stage takes pass through byte for byte. See docs/architecture.md. */
#ifndef CSF_STAGE_H
#define CSF_STAGE_H

#include "core/csf.h"

/* Long-only option codes: a tool numbers its own from CSF_OPT_FIRST_FREE,
 * model n from CSF_OPT_MODEL(n) (tks 1, mgmt 2, org 3). Clashing codes or
 * names between the tool and its stages are caught when the tool starts. */
#define CSF_OPT_MODEL(n) (CSF_OPT_FIRST_FREE + 0x40 * (n))

/* What the tool's own options say, read by every stage. */
struct csf_run {
	int ungrouped;          /* -u: hold every subject to the end */
	const char *by;         /* csf-gap --by FIELD, else NULL */
	int csv;                /* csf-assess --csv: every FILE is CSV */
	int template;           /* csf-assess --template */
	const char *subject;    /* --template: subject of the blank answers ("you") */
	int template_csv;       /* --template --format csv */
	int partial;            /* csf-gap --partial: write mergeable sums only;
	                         * records no stage takes are left out, and a
	                         * stage refuses what it cannot sum */
	int merge;              /* csf-gap --merge: add up partial records */
	int jobs;               /* csf-gap -j: processes to read regular files in */
	const char *recstart;   /* -j: how a line that starts a subject begins */
};

struct csf_stage {
	const char *name;                  /* "tks", "mgmt" */
	const char *shortopts;             /* getopt letters, NULL if none */
	const struct option *longopts;     /* ending in {0}, NULL if none */
	const char *usage_en, *usage_ja;   /* its lines of --help, NULL if none */
	/* 1 if c is this stage's option (exit 2 on a bad value), else 0. */
	int (*option)(int c, const char *arg);
	/* After the options, before any record: check the options against
	 * the data (exit 2). Returns 1 if the stage brings input of its own
	 * (then stdin is read only when FILE arguments name it), else 0. */
	int (*start)(const struct csf_run *run);
	/* Record types the stage reads, ending in NULL. Records of other
	 * types never reach it, and are not parsed for it. */
	const char *const *types;
	/* Optional: the unparsed NDJSON line, before any stage sees it parsed.
	 * Return 1 only for a record that is certainly this stage's (and
	 * then handle it completely); 0 to have it parsed. */
	int (*fast)(csf_input *in, const csf_line *ln);
	/* Optional: a line before it is validated (ln->type NULL). Return 1
	 * only for a line in the exact form the tool itself writes, which
	 * the stage has read whole, so proving it valid JSON (core/partial.h),
	 * and handled completely, as fast would; 0 to have it validated and
	 * dispatched as usual. For merges, which read little else. */
	int (*exact)(csf_input *in, const csf_line *ln);
	/* A parsed record of one of its types (a CSV row arrives converted,
	 * ln->text NULL). Return 1 if the stage took it: it then wrote
	 * whatever the record leads to, the record itself included when it
	 * passes on. Return 0 to offer it to the next stage (a stage may look
	 * at a record it does not take, e.g. a profile). */
	int (*record)(csf_input *in, const csf_line *ln, json_t *obj);
	/* At the end of input: emit what is held and free everything. */
	void (*finish)(void);
	/* Optional, for -j (the input read in several processes, see
	 * csf_stage_run). shard_begin: in a worker, before it reads its
	 * piece, whose first record is at file:line; at finish the stage
	 * then writes what the worker's records left it holding to fp, in a
	 * form of its own, instead of its aggregates. shard_join: in the
	 * process that read the pieces before, with that fp: returns 1 if
	 * the piece joins on exactly as if this process had read it (the
	 * stage has then written what the piece's first record would have
	 * made it write, and taken in the worker's state), or 0, having
	 * changed nothing, when this process must read the piece itself. */
	void (*shard_begin)(FILE *fp, const char *file, long line);
	int (*shard_join)(FILE *fp, const char *next, size_t next_len);
	/* Optional: the input read in turns (core/jobs.h, turn_end): in a
	 * worker after each of its pieces, write to fp what the piece left
	 * the stage holding, let go of it, and return 1 when the piece can
	 * join on; shard_join then also checks that next, the first line of
	 * the piece after (NULL: none), closes what the piece left open. */
	int (*shard_turn_end)(void);
	/* csf-assess --template (optional): write blank answers for the
	 * options given and the records in FILEs; return the exit status,
	 * or -1 if the options ask this stage for no template (the stages
	 * are asked in the order records are). */
	int (*template)(const struct csf_run *run, int nfiles, char **files);
};

/* The tool around its stages. */
struct csf_tool {
	/* --help: synopsis and the tool's own option lines, which come before
	 * the stages' lines; the common options' lines follow them. */
	const char *usage_en, *usage_ja;
	const char *shortopts;             /* the tool's own getopt letters */
	const struct option *longopts;     /* its own long options, ending in {0} */
	/* 1 if c is the tool's own option (sets run), else 0. */
	int (*option)(int c, const char *arg, struct csf_run *run);
	/* CSV input (NULL: NDJSON only): columns a sheet must have (typed:
	 * when it has a "type" column), and each row of a type some stage
	 * reads turned into its record (a new reference). */
	const char *const *csv_columns, *const *csv_typed_columns;
	json_t *(*from_row)(const char *type, json_t *row);
};

/* Stages are listed general model first: tks takes every record of its
 * types that no other model took, so records are offered to the stages
 * from the last to the first. start and finish run first to last. */

/* Parse the command line (common options, the tool's, the stages') and
 * return the index of the first FILE argument. Exits 2 on bad usage. */
int csf_stage_options(const struct csf_tool *tool, const struct csf_stage *const *stages,
                      int nstages, int argc, char **argv, struct csf_run *run);
/* Run the stages over FILEs (stdin when none, or "-"); a file is CSV
 * when run->csv is set or its name ends in .csv (tools with from_row
 * only). With run->jobs > 1, regular NDJSON files are read in that many
 * processes when one stage has shard hooks; the output is what one
 * process writes. Returns the exit status. */
int csf_stage_run(const struct csf_tool *tool, const struct csf_stage *const *stages,
                  int nstages, const struct csf_run *run, int nfiles, char **files);
/* csf-assess --template: the first stage that writes one. Exit status. */
int csf_stage_template(const struct csf_stage *const *stages, int nstages,
                       const struct csf_run *run, int nfiles, char **files);
/* The composed --help text to stderr, exit 2 (a bad option value). */
_Noreturn void csf_stage_usage(void);

#endif
