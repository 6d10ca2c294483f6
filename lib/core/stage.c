/* stage.c - the one loop of the pipeline tools: options gathered from the
 * tool and its stages, then every record handed to the stage that takes
 * it (see stage.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "core/stage.h"
#include "core/csv.h"
#include "core/split.h"

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

/* ---- -j: one input read by several processes ----
 * The files are cut into pieces at lines that start a subject. This
 * process reads the first piece as usual while a worker process reads
 * each other piece into temp files: its output, its messages, and what
 * the shard stage holds at its end. Then, piece by piece in order, the
 * stage joins the worker's piece on (its output and messages are copied
 * out, its state added in) when that gives exactly what reading the
 * piece here would: the worker ran to its end, no other stage took a
 * record or wrote anything at its end, and the stage agrees (the piece
 * begins a new subject, none of its subjects came before). Otherwise
 * this process reads the piece itself. Either way the output is the
 * one-process output, byte for byte. */

struct worker {
	pid_t pid;
	int report;             /* pipe: struct worker_report, or nothing if it failed */
	int done;               /* pipe the parent closes when it no longer needs the worker */
	FILE *out, *err, *state;
};

struct worker_report {
	int foreign;
	long bad;
};

static char **piece_files;
static off_t *piece_sizes;

static off_t
piece_bytes(const struct csf_piece *p, int nfiles)
{
	off_t n = 0;
	for (int f = p->from; f <= p->to && f < nfiles; f++)
		n += (f == p->to ? p->end : piece_sizes[f]) - (f == p->from ? p->start : 0);
	return n;
}

/* The lines before piece p: where its line numbers go on from. */
static long
lines_before(const struct csf_piece *p)
{
	long before = p->start ? csf_lines_before(piece_files[p->from], p->start) : 0;
	if (before < 0)
		csf_die(1, "%s: %s", piece_files[p->from], csf_strerror(errno));
	return before;
}

static long
run_piece(const struct csf_tool *tool, const struct csf_stage *const *stages, int n,
          const struct csf_run *run, const struct csf_piece *p, int nfiles, long before)
{
	long errors = 0;
	for (int f = p->from; f <= p->to && f < nfiles; f++) {
		off_t start = f == p->from ? p->start : 0, end = f == p->to ? p->end : piece_sizes[f];
		if (end <= start)
			continue;
		if (f != p->from)
			before = 0;
		errors += run_input(tool, stages, n, run, csf_input_open_range(&piece_files[f], start, end, before));
	}
	return errors;
}

static _Noreturn void
work(const struct csf_tool *tool, const struct csf_stage *const *stages, int n,
     const struct csf_run *run, const struct csf_piece *p, int nfiles, struct worker *w, int report, int done)
{
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);   /* the parent stopped: this piece is not needed */
#endif
	/* Messages go aside; stdout is the parent's alone, so that a reader
	 * of a pipe sees its end when the parent ends. */
	int null = open("/dev/null", O_WRONLY);
	if (dup2(fileno(w->err), STDERR_FILENO) < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0)
		_exit(1);
	if (null != STDOUT_FILENO)
		close(null);
	/* Big writes: a file system's cost is per call, and a worker's output
	 * is half the output or more. */
	static char big[1 << 20];
	setvbuf(w->out, big, _IOFBF, sizeof big);
	csf_out_to(w->out);
	long before = lines_before(p);
	stages[shard_stage]->shard_begin(w->state, piece_files[p->from], before + 1);
	foreign = 0;
	run_piece(tool, stages, n, run, p, nfiles, before);
	for (int i = 0; i < n; i++) {
		if (!stages[i]->finish)
			continue;
		fflush(csf_out);
		off_t at = ftello(csf_out);
		long bad = csf_bad_total();
		stages[i]->finish();
		fflush(csf_out);
		if (i != shard_stage && (ftello(csf_out) != at || csf_bad_total() != bad))
			foreign = 1;   /* it wrote something at its end */
	}
	struct worker_report r = { foreign, csf_bad_total() };
	if (fflush(csf_out) || ferror(csf_out) || fflush(w->state) || ferror(w->state) || fflush(stderr)
	    || write(report, &r, sizeof r) != (ssize_t)sizeof r)
		_exit(1);
	/* Wait until the parent has copied the output out and let go of the
	 * temp files: their memory is then freed as this process ends, on
	 * its own core, not by the parent. */
	char c;
	while (read(done, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

/* Let go of worker w's temp files and pipes (the temp files first: the
 * worker frees them as it ends, when its done pipe closes). */
static void
close_worker(struct worker *w)
{
	if (w->out)
		fclose(w->out);
	if (w->err)
		fclose(w->err);
	if (w->state)
		fclose(w->state);
	if (w->report >= 0)
		close(w->report);
	if (w->done >= 0)
		close(w->done);
	w->out = w->err = w->state = NULL;
	w->report = w->done = -1;
}

/* Whether worker w's piece joins on; its output and messages are then
 * written out. */
static int
join(const struct csf_stage *const *stages, struct worker *w, long *bad)
{
	struct worker_report r;
	ssize_t got;
	do
		got = read(w->report, &r, sizeof r);
	while (got < 0 && errno == EINTR);
	if (got != (ssize_t)sizeof r) {   /* it stopped before its end */
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
		w->pid = -1;
		return 0;
	}
	if (r.foreign)
		return 0;
	rewind(w->state);
	if (!stages[shard_stage]->shard_join(w->state))
		return 0;
	fflush(csf_out);
	fflush(stderr);
	if (csf_copy_file(fileno(w->out), fileno(csf_out)) < 0)
		csf_die(1, "write error: %s", csf_strerror(errno));
	csf_copy_file(fileno(w->err), STDERR_FILENO);
	*bad += r.bad;
	return 1;
}

/* The files in pieces (see above); the number of bad records reported,
 * or -1 when they cannot be split (then nothing was read). */
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
	struct csf_piece *pieces = xcalloc((size_t)run->jobs, sizeof *pieces);
	piece_sizes = xcalloc((size_t)nfiles + 1, sizeof *piece_sizes);
	piece_files = files;
	/* The first piece is read by the process that writes the output;
	 * a worker also writes its output to a temp file and counts the lines
	 * before its piece: balanced when the first piece is longer, by a
	 * fifth of a piece when everything is written (measured at 1 M and
	 * 4 M records), less when only sums are. */
	int npieces = csf_split(nfiles, files, run->jobs, run->partial ? 0.05 : 0.2, run->recstart, pieces, piece_sizes);
	if (npieces < 2) {
		free(pieces);
		free(piece_sizes);
		return -1;
	}
	struct worker *w = xcalloc((size_t)npieces, sizeof *w);
	fflush(csf_out);
	fflush(stderr);
	for (int k = 1; k < npieces; k++) {
		int fds[2] = { -1, -1 }, done[2] = { -1, -1 };
		/* gap records and all: about twice the input, for every worker */
		w[k].out = csf_tmpfile(2 * piece_bytes(&pieces[k], nfiles) * (npieces - 1));
		w[k].err = csf_tmpfile(0);
		w[k].state = csf_tmpfile(0);
		w[k].pid = -1;   /* no worker (no temp file, pipe or process): the piece is read here */
		w[k].done = -1;
		if (w[k].out && w[k].err && w[k].state && pipe(fds) == 0 && pipe(done) == 0
		    && (w[k].pid = fork()) == 0) {
			close(fds[0]);
			close(done[1]);
			for (int j = 1; j < k; j++)   /* the earlier workers' ends: each frees its own */
				close_worker(&w[j]);
			work(tool, stages, n, run, &pieces[k], nfiles, &w[k], fds[1], done[0]);
		}
		if (fds[1] >= 0)
			close(fds[1]);
		if (done[0] >= 0)
			close(done[0]);
		w[k].report = fds[0];
		w[k].done = done[1];
	}
	long errors = run_piece(tool, stages, n, run, &pieces[0], nfiles, 0), bad = 0;
	const char *log = getenv("CSF_JOBS_LOG");   /* how each piece went, for tests and doubts */
	for (int k = 1; k < npieces; k++) {
		int joined = w[k].pid >= 0 && join(stages, &w[k], &bad);
		if (log && *log && joined)
			csf_warn("-j: piece %d of %d joined", k + 1, npieces);
		else if (log && *log)
			csf_warn("-j: piece %d of %d read here", k + 1, npieces);
		if (!joined)
			errors += run_piece(tool, stages, n, run, &pieces[k], nfiles, lines_before(&pieces[k]));
		close_worker(&w[k]);   /* the worker ends */
	}
	free(w);   /* the workers that ran to their end are left to end alone */
	free(pieces);
	free(piece_sizes);
	return errors + bad;
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
