/* jobs.c - one input read by several processes (see jobs.h). */
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

#include "core/jobs.h"
#include "core/split.h"

struct worker {
	pid_t pid;
	int report;             /* pipe: struct worker_report, or nothing if it failed */
	int done;               /* pipe the parent closes when it no longer needs the worker */
	FILE *out, *err, *state;
};

struct worker_report {
	int joinable;
	long bad;
};

struct csf_joining {
	int fd;
	off_t copied;   /* -1: all of it */
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
run_piece(const struct csf_jobs *j, const struct csf_piece *p, int nfiles, long before)
{
	long errors = 0;
	for (int f = p->from; f <= p->to && f < nfiles; f++) {
		off_t start = f == p->from ? p->start : 0, end = f == p->to ? p->end : piece_sizes[f];
		if (end <= start)
			continue;
		if (f != p->from)
			before = 0;
		errors += j->read(j->ctx, csf_input_open_range(&piece_files[f], start, end, before));
	}
	return errors;
}

static _Noreturn void
work(const struct csf_jobs *j, const struct csf_piece *p, int nfiles, struct worker *w, int report, int done)
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
	j->begin(j->ctx, w->state, piece_files[p->from], before + 1);
	run_piece(j, p, nfiles, before);
	struct worker_report r;
	memset(&r, 0, sizeof r);   /* padding too: every byte sent is set */
	r.joinable = j->end(j->ctx);
	r.bad = csf_bad_total();
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

void
csf_jobs_copy(struct csf_joining *out, off_t upto)
{
	if (out->copied < 0 || (upto >= 0 && upto <= out->copied))
		return;   /* all of it copied, or this far */
	fflush(csf_out);
	if (csf_copy_range(out->fd, fileno(csf_out), out->copied, upto) < 0)
		csf_die(1, "write error: %s", csf_strerror(errno));
	out->copied = upto;
}

/* Whether worker w's piece joins on; its output and messages are then
 * written out. */
static int
join(const struct csf_jobs *j, struct worker *w, long *bad)
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
	if (!r.joinable)
		return 0;
	rewind(w->state);
	struct csf_joining out = { fileno(w->out), 0 };
	if (!j->join(j->ctx, w->state, &out))
		return 0;
	csf_jobs_copy(&out, -1);
	fflush(csf_out);
	fflush(stderr);
	csf_copy_range(fileno(w->err), STDERR_FILENO, 0, -1);
	*bad += r.bad;
	return 1;
}

long
csf_jobs_run(const struct csf_jobs *j, int nfiles, char **files)
{
	struct csf_piece *pieces = xcalloc((size_t)j->jobs, sizeof *pieces);
	piece_sizes = xcalloc((size_t)nfiles + 1, sizeof *piece_sizes);
	piece_files = files;
	int npieces = csf_split(nfiles, files, j->jobs, j->first_extra, j->recstart, pieces, piece_sizes);
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
		w[k].out = csf_tmpfile((off_t)(j->out_ratio * (double)piece_bytes(&pieces[k], nfiles)) * (npieces - 1));
		w[k].err = csf_tmpfile(0);
		w[k].state = csf_tmpfile(0);
		w[k].pid = -1;   /* no worker (no temp file, pipe or process): the piece is read here */
		w[k].done = -1;
		if (w[k].out && w[k].err && w[k].state && pipe(fds) == 0 && pipe(done) == 0
		    && (w[k].pid = fork()) == 0) {
			close(fds[0]);
			close(done[1]);
			for (int i = 1; i < k; i++)   /* the earlier workers' ends: each frees its own */
				close_worker(&w[i]);
			work(j, &pieces[k], nfiles, &w[k], fds[1], done[0]);
		}
		if (fds[1] >= 0)
			close(fds[1]);
		if (done[0] >= 0)
			close(done[0]);
		w[k].report = fds[0];
		w[k].done = done[1];
	}
	long errors = run_piece(j, &pieces[0], nfiles, 0), bad = 0;
	const char *log = getenv("CSF_JOBS_LOG");   /* how each piece went, for tests and doubts */
	for (int k = 1; k < npieces; k++) {
		int joined = w[k].pid >= 0 && join(j, &w[k], &bad);
		if (log && *log && joined)
			csf_warn("-j: piece %d of %d joined", k + 1, npieces);
		else if (log && *log)
			csf_warn("-j: piece %d of %d read here", k + 1, npieces);
		if (!joined)
			errors += run_piece(j, &pieces[k], nfiles, lines_before(&pieces[k]));
		close_worker(&w[k]);   /* the worker ends */
	}
	free(w);   /* the workers that ran to their end are left to end alone */
	free(pieces);
	free(piece_sizes);
	return errors + bad;
}
