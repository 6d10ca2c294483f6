/* stage.c - the one loop of the pipeline tools: options gathered from the
 * tool and its stages, then every record handed to the stage that takes
 * it (see stage.h). */
#include <stdlib.h>
#include <string.h>

#include "core/stage.h"
#include "core/csv.h"
#include "core/jobs.h"

/* Every tool ends its --help with these lines. */
static const char common_en[] =
"      --keep-going     report bad records and go on (exit 1 at the end)\n"
"  -o, --output FILE    write FILE atomically instead of stdout\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";
static const char common_ja[] =
"      --keep-going     不正なレコードを報告して続ける（最後に終了コード 1）\n"
"  -o, --output FILE    標準出力の代わりに FILE へ原子的に書き出す\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static struct csf_usage_text usage;

_Noreturn void
csf_stage_usage(void)
{
	csf_usage(&usage);
}

static char *
join_usage(const char *tool, const struct csf_stage *const *stages, int n, int ja, const char *common)
{
	size_t len = strlen(tool) + strlen(common) + 1;
	for (int i = 0; i < n; i++) {
		const char *u = ja ? stages[i]->usage_ja : stages[i]->usage_en;
		len += u ? strlen(u) : 0;
	}
	char *s = xmalloc(len), *p = s;
	p = stpcpy(p, tool);
	for (int i = 0; i < n; i++) {
		const char *u = ja ? stages[i]->usage_ja : stages[i]->usage_en;
		if (u)
			p = stpcpy(p, u);
	}
	stpcpy(p, common);
	return s;
}

static size_t
count_options(const struct option *o)
{
	size_t n = 0;
	while (o && o[n].name)
		n++;
	return n;
}

/* Two options of one tool with one name or code would silently shadow
 * each other: a model's author learns of it at the first run. */
static void
check_clashes(const struct option *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (!strcmp(o[i].name, o[j].name) || o[i].val == o[j].val)
				csf_die(70, "options --%s and --%s clash (name or code)", o[i].name, o[j].name);
}

int
csf_stage_options(const struct csf_tool *tool, const struct csf_stage *const *stages,
                  int nstages, int argc, char **argv, struct csf_run *run)
{
	static const struct option common[] = { CSF_COMMON_LONGOPTS, { NULL, 0, NULL, 0 } };
	usage.en = join_usage(tool->usage_en, stages, nstages, 0, common_en);
	usage.ja = join_usage(tool->usage_ja, stages, nstages, 1, common_ja);

	size_t nopt = count_options(tool->longopts) + count_options(common);
	size_t nshort = strlen(tool->shortopts) + strlen(CSF_COMMON_SHORTOPTS) + 1;
	for (int i = 0; i < nstages; i++) {
		nopt += count_options(stages[i]->longopts);
		nshort += stages[i]->shortopts ? strlen(stages[i]->shortopts) : 0;
	}
	struct option *all = xcalloc(nopt + 1, sizeof *all);
	char *shortopts = xmalloc(nshort);
	size_t k = 0;
	for (size_t j = 0; j < count_options(tool->longopts); j++)
		all[k++] = tool->longopts[j];
	strcpy(shortopts, tool->shortopts);
	for (int i = 0; i < nstages; i++) {
		for (size_t j = 0; j < count_options(stages[i]->longopts); j++)
			all[k++] = stages[i]->longopts[j];
		if (stages[i]->shortopts)
			strcat(shortopts, stages[i]->shortopts);
	}
	for (size_t j = 0; j < count_options(common); j++)
		all[k++] = common[j];
	check_clashes(all, k);
	strcat(shortopts, CSF_COMMON_SHORTOPTS);

	int c;
	while ((c = getopt_long(argc, argv, shortopts, all, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage) || tool->option(c, optarg, run))
			continue;
		int taken = 0;
		for (int i = 0; i < nstages && !taken; i++)
			taken = stages[i]->option && stages[i]->option(c, optarg);
		if (!taken)
			csf_usage(&usage);
	}
	free(all);
	free(shortopts);
	return optind;
}

int
csf_stage_template(const struct csf_stage *const *stages, int nstages, const struct csf_run *run,
                   int nfiles, char **files)
{
	csf_out_open();
	for (int i = nstages - 1; i >= 0; i--) {   /* like records: the general model last */
		int status = stages[i]->template ? stages[i]->template(run, nfiles, files) : -1;
		if (status == 2)
			exit(2);
		if (status >= 0)
			return csf_out_close() || status ? 1 : 0;
	}
	csf_usage(&usage);
}

static int
reads_type(const struct csf_stage *s, const char *type)
{
	for (const char *const *t = s->types; t && *t; t++)
		if (!strcmp(*t, type))
			return 1;
	return 0;
}

/* -j: the stage with shard hooks, and whether another stage took a
 * record in this process (a worker's piece then cannot join on). */
static int shard_stage = -1;
static int foreign;

static void
taken_by(int i)
{
	if (i != shard_stage)
		foreign = 1;
}

/* One record: the NDJSON line (row NULL) or a CSV row. */
static void
dispatch(const struct csf_tool *tool, const struct csf_stage *const *stages, int n,
         const struct csf_run *run, csf_input *in, const csf_line *ln, json_t *row)
{
	int wanted = 0;
	for (int i = n - 1; i >= 0; i--)
		if (reads_type(stages[i], ln->type)) {
			if (!row && stages[i]->fast && stages[i]->fast(in, ln)) {
				taken_by(i);
				return;
			}
			wanted = 1;
		}
	if (!wanted) {
		if (!run->partial)
			csf_pass_record(ln, row);
		return;
	}
	json_t *obj = row ? tool->from_row(ln->type, row) : csf_line_parse(ln);
	int taken = 0;
	for (int i = n - 1; i >= 0 && !taken; i--)
		if (reads_type(stages[i], ln->type) && (taken = stages[i]->record(in, ln, obj)))
			taken_by(i);
	if (!taken && !run->partial)
		csf_pass_record(ln, row);
	json_decref(obj);
}

/* The records of one input; returns the number of bad records reported. */
static long
run_input(const struct csf_tool *tool, const struct csf_stage *const *stages, int n,
          const struct csf_run *run, csf_input *in)
{
	csf_input_note_members(in);   /* for the stages' fast paths */
	int exact = -1;
	for (int i = n - 1; i >= 0 && exact < 0; i--)
		if (stages[i]->exact)
			exact = i;
	csf_line ln;
	while (csf_input_next_unchecked(in, &ln)) {
		if (exact >= 0 && stages[exact]->exact(in, &ln))
			taken_by(exact);
		else if (csf_input_check(in, &ln))
			dispatch(tool, stages, n, run, in, &ln, NULL);
	}
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return errors;
}

/* One file; returns the number of bad records reported. */
static long
run_file(const struct csf_tool *tool, const struct csf_stage *const *stages, int n,
         const struct csf_run *run, char *path)
{
	csf_input *in = csf_input_open(1, &path);
	if (!(tool->from_row && (run->csv || csf_is_csv_path(path))))
		return run_input(tool, stages, n, run, in);
	csf_input_note_members(in);
	csf_line ln;
	csv_reader *r = csv_open(path, in);
	json_t *row;
	if (csv_require(r, csv_has_column(r, "type") ? tool->csv_typed_columns : tool->csv_columns))
		while ((row = csv_next(r, &ln))) {
			dispatch(tool, stages, n, run, in, &ln, row);
			json_decref(row);
		}
	csv_close(r);
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return errors;
}

/* ---- -j: one input read by several processes (core/jobs.h) ----
 * A worker's piece joins on when it ran to its end, no other stage took
 * a record or wrote anything at its end, and the shard stage agrees (the
 * piece begins a new subject, none of its subjects came before). */

struct stage_jobs {
	const struct csf_tool *tool;
	const struct csf_stage *const *stages;
	int n;
	const struct csf_run *run;
};

static long
jobs_read(void *ctx, csf_input *in)
{
	const struct stage_jobs *sj = ctx;
	return run_input(sj->tool, sj->stages, sj->n, sj->run, in);
}

static void
jobs_begin(void *ctx, FILE *state, const char *file, long line)
{
	const struct stage_jobs *sj = ctx;
	sj->stages[shard_stage]->shard_begin(state, file, line);
	foreign = 0;
}

static int
jobs_end(void *ctx)
{
	const struct stage_jobs *sj = ctx;
	for (int i = 0; i < sj->n; i++) {
		if (!sj->stages[i]->finish)
			continue;
		fflush(csf_out);
		off_t at = ftello(csf_out);
		long bad = csf_bad_total();
		sj->stages[i]->finish();
		fflush(csf_out);
		if (i != shard_stage && (ftello(csf_out) != at || csf_bad_total() != bad))
			foreign = 1;   /* it wrote something at its end */
	}
	return !foreign;
}

static int
jobs_turn_end(void *ctx)
{
	const struct stage_jobs *sj = ctx;
	return sj->stages[shard_stage]->shard_turn_end() && !foreign;
}

static int
jobs_join(void *ctx, FILE *state, struct csf_joining *out)
{
	const struct stage_jobs *sj = ctx;
	/* What the piece's first record writes comes before its output. */
	size_t len;
	const char *next = csf_jobs_next(out, &len);
	return sj->stages[shard_stage]->shard_join(state, next, len);
}

/* The files in pieces; the number of bad records reported, or -1 when
 * they cannot be split (then nothing was read). */
static long
run_jobs(const struct csf_tool *tool, const struct csf_stage *const *stages, int n,
         const struct csf_run *run, int nfiles, char **files)
{
	shard_stage = -1;
	for (int i = 0; i < n; i++)
		if (stages[i]->shard_begin && stages[i]->shard_join) {
			if (shard_stage >= 0)
				return -1;   /* which stage's state decides would be unclear */
			shard_stage = i;
		}
	if (shard_stage < 0 || run->ungrouped || run->csv || !run->recstart)
		return -1;
	for (int i = 0; i < nfiles; i++)
		if (tool->from_row && csf_is_csv_path(files[i]))
			return -1;
	struct stage_jobs sj = { tool, stages, n, run };
	struct csf_jobs j = {
		.jobs = run->jobs,
		.recstart = run->recstart,
		/* Whole pieces (--partial, sums only): the first a little
		 * longer, its process also joining the others'; in turns,
		 * all alike (longer ones for this process were no faster). */
		.first_extra = run->partial ? 0.05 : 0,
		.out_ratio = 2,   /* gap records and all: about twice the input */
		.ctx = &sj,
		.read = jobs_read,
		.begin = jobs_begin,
		.end = jobs_end,
		.join = jobs_join,
		/* Everything written: in turns, so that a worker's output waits
		 * in a small buffer (csf-gap -j2 --by, 1.18 M scores: 0.19 s in
		 * two whole pieces, 0.165 s in turns). Sums only: two whole
		 * pieces, which cost less to join. */
		.turn_end = run->partial || !sj.stages[shard_stage]->shard_turn_end ? NULL : jobs_turn_end,
	};
	return csf_jobs_run(&j, nfiles, files);
}

int
csf_stage_run(const struct csf_tool *tool, const struct csf_stage *const *stages,
              int nstages, const struct csf_run *run, int nfiles, char **files)
{
	csf_out_open();
	int own_input = 0;
	for (int i = 0; i < nstages; i++)
		if (stages[i]->start && stages[i]->start(run))
			own_input = 1;
	char *stdin_only[] = { "-" };
	if (nfiles == 0 && !own_input) {
		nfiles = 1;
		files = stdin_only;
	}
	long errors = run->jobs > 1 ? run_jobs(tool, stages, nstages, run, nfiles, files) : -1;
	if (errors < 0) {
		errors = 0;
		for (int i = 0; i < nfiles; i++)
			errors += run_file(tool, stages, nstages, run, files[i]);
	}
	for (int i = 0; i < nstages; i++)
		if (stages[i]->finish)
			stages[i]->finish();
	return csf_out_close() || errors || csf_bad_total() ? 1 : 0;
}
