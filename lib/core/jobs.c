/* jobs.c - one input read by several processes (see jobs.h). */
#define _GNU_SOURCE   /* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio_ext.h>   /* __fpending */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "core/jobs.h"
#include "core/split.h"

/* Reading in turns: about this much output a piece, so that the buffers
 * stay in the caches (coverage by subject, 1.2 M scores: 48 pieces of
 * 16 MB output took 0.29 s, 150 of 5 MB 0.27 s; csf-gap -j2 --by: 64
 * pieces of 4 MB 0.19 s, 128 of 2 MB 0.18 s), and the room for one
 * piece's output and state in a worker's buffer (address space only:
 * memory is taken as it is written). */
#define TURN_OUTPUT (3.0 * (1 << 20))
#define SLOT_BYTES ((size_t)1 << 28)
#define SLOTS 2   /* buffers a worker: 3, 4 and 6 were no faster */

static size_t slot_bytes = SLOT_BYTES;

struct worker {
	pid_t pid;
	int report;             /* pipe: struct worker_report, or nothing if it failed */
	int done;               /* pipe the parent closes when it no longer needs the worker;
	                         * in turns, a byte each time it may use a buffer again */
	FILE *out, *err, *state;
	char *slots;            /* in turns: its SLOTS buffers, shared with the parent */
	int turns;              /* in turns: its pieces taken so far */
};

struct worker_report {
	int piece;              /* in turns: which piece */
	int joinable;
	long bad;
	size_t out, state;      /* in turns: the bytes of each in the buffer */
	off_t err_from, err_to; /* its messages in its err file */
};

struct csf_joining {
	int fd;                 /* the worker's output file, or -1: */
	const char *buf;        /* in turns, its output in a buffer */
	off_t len;
	off_t copied;           /* -1: all of it */
	const char *next;       /* in turns, the first line of the piece after */
	size_t next_len;
};

static char **piece_files;
static off_t *piece_sizes;
static struct csf_piece *pieces;
static long *counted;   /* a piece's lines before it; -1: not counted yet */

static off_t
piece_bytes(const struct csf_piece *p, int nfiles)
{
	off_t n = 0;
	for (int f = p->from; f <= p->to && f < nfiles; f++)
		n += (f == p->to ? p->end : piece_sizes[f]) - (f == p->from ? p->start : 0);
	return n;
}

/* Piece k's lines are numbered on from piece_base(k): when the piece
 * starts inside a file, by a number a message turns into the real one
 * (core/csf.h, CSF_LINES_UNCOUNTED) by counting the lines before it. */
static long
piece_base(int k)
{
	return pieces[k].start ? CSF_LINES_UNCOUNTED + ((long)k << 40) : 0;
}

static long
real_line(long line)
{
	long rel = line - CSF_LINES_UNCOUNTED;
	int k = (int)(rel >> 40);
	if (counted[k] < 0 && (counted[k] = csf_lines_before(piece_files[pieces[k].from], pieces[k].start)) < 0)
		csf_die(1, "%s: %s", piece_files[pieces[k].from], csf_strerror(errno));
	return counted[k] + (rel & (((long)1 << 40) - 1));
}

static long
run_piece(const struct csf_jobs *j, int k, int nfiles)
{
	const struct csf_piece *p = &pieces[k];
	long errors = 0, before = piece_base(k);
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

/* In a worker: messages go aside; stdout is the parent's alone, so that
 * a reader of a pipe sees its end when the parent ends. */
static void
worker_start(struct worker *w)
{
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);   /* the parent stopped: this piece is not needed */
#endif
	int null = open("/dev/null", O_WRONLY);
	if (dup2(fileno(w->err), STDERR_FILENO) < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0)
		_exit(1);
	if (null != STDOUT_FILENO)
		close(null);
}

static int
send_report(int fd, struct worker_report *r)
{
	return write(fd, r, sizeof *r) == (ssize_t)sizeof *r;
}

/* A worker's report; 0 when it stopped before sending it. */
static int
take_report(struct worker *w, struct worker_report *r)
{
	ssize_t got;
	do
		got = read(w->report, r, sizeof *r);
	while (got < 0 && errno == EINTR);
	if (got == (ssize_t)sizeof *r)
		return 1;
	while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
		;
	w->pid = -1;
	return 0;
}

static _Noreturn void
work(const struct csf_jobs *j, int k, int nfiles, struct worker *w, int report, int done)
{
	worker_start(w);
	/* Big writes: a file system's cost is per call, and a worker's output
	 * is half the output or more. */
	static char big[1 << 20];
	setvbuf(w->out, big, _IOFBF, sizeof big);
	csf_out_to(w->out);
	j->begin(j->ctx, w->state, piece_files[pieces[k].from], piece_base(k) + 1);
	run_piece(j, k, nfiles);
	struct worker_report r;
	memset(&r, 0, sizeof r);   /* padding too: every byte sent is set */
	r.joinable = j->end(j->ctx);
	r.bad = csf_bad_total();
	if (fflush(csf_out) || ferror(csf_out) || fflush(w->state) || ferror(w->state) || fflush(stderr))
		_exit(1);
	r.err_to = lseek(STDERR_FILENO, 0, SEEK_CUR);   /* its messages, from the start */
	if (!send_report(report, &r))
		_exit(1);
	/* Wait until the parent has copied the output out and let go of the
	 * temp files: their memory is then freed as this process ends, on
	 * its own core, not by the parent. */
	char c;
	while (read(done, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

/* Let go of worker w's temp files, buffers and pipes (the temp files
 * first: the worker frees them as it ends, when its done pipe closes). */
static void
close_worker(struct worker *w)
{
	if (w->out)
		fclose(w->out);
	if (w->err)
		fclose(w->err);
	if (w->state)
		fclose(w->state);
	if (w->slots)
		munmap(w->slots, SLOTS * slot_bytes);
	if (w->report >= 0)
		close(w->report);
	if (w->done >= 0)
		close(w->done);
	w->out = w->err = w->state = NULL;
	w->slots = NULL;
	w->report = w->done = -1;
}

void
csf_jobs_copy(struct csf_joining *out, off_t upto)
{
	if (out->copied < 0 || (upto >= 0 && upto <= out->copied))
		return;   /* all of it copied, or this far */
	if (out->buf) {
		off_t end = upto < 0 || upto > out->len ? out->len : upto;
		if (fwrite(out->buf + out->copied, 1, (size_t)(end - out->copied), csf_out) != (size_t)(end - out->copied))
			csf_die(1, "write error: %s", csf_strerror(errno));
	} else {
		fflush(csf_out);
		if (csf_copy_range(out->fd, fileno(csf_out), out->copied, upto) < 0)
			csf_die(1, "write error: %s", csf_strerror(errno));
	}
	out->copied = upto;
}

const char *
csf_jobs_next(const struct csf_joining *out, size_t *len)
{
	*len = out->next_len;
	return out->next;
}

/* The join hook on worker w's piece, reported in r, with its state:
 * when it joins on, the piece's output and messages are written out
 * and its bad records counted. */
static int
join_piece(const struct csf_jobs *j, struct worker *w, const struct worker_report *r, FILE *state,
           struct csf_joining *out, long *bad)
{
	if (!j->join(j->ctx, state, out))
		return 0;
	csf_jobs_copy(out, -1);
	fflush(csf_out);
	fflush(stderr);
	csf_copy_range(fileno(w->err), STDERR_FILENO, r->err_from, r->err_to);
	*bad += r->bad;
	return 1;
}

/* Whether worker w's piece, read whole, joins on. */
static int
join(const struct csf_jobs *j, struct worker *w, long *bad)
{
	struct worker_report r;
	if (!take_report(w, &r) || !r.joinable)
		return 0;
	rewind(w->state);
	struct csf_joining out = { fileno(w->out), NULL, 0, 0, NULL, 0 };
	return join_piece(j, w, &r, w->state, &out, bad);
}

static void
log_piece(int k, int n, int joined)
{
	const char *log = getenv("CSF_JOBS_LOG");   /* how each worker's piece went, for tests and doubts */
	if (!log || !*log)
		return;
	if (joined)
		csf_warn("-j: piece %d of %d joined", k + 1, n);
	else
		csf_warn("-j: piece %d of %d read here", k + 1, n);
}

/* After a fork: the parent keeps its ends of worker w's pipes (those
 * that were made). */
static void
keep_parent_ends(struct worker *w, const int report[2], const int done[2])
{
	if (report[1] >= 0)
		close(report[1]);
	if (done[0] >= 0)
		close(done[0]);
	w->report = report[0];
	w->done = done[1];
}

/* Whole pieces: one a process. */
static long
run_whole(const struct csf_jobs *j, int nfiles, int npieces)
{
	struct worker *w = xcalloc((size_t)npieces, sizeof *w);
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
			work(j, k, nfiles, &w[k], fds[1], done[0]);
		}
		keep_parent_ends(&w[k], fds, done);
	}
	long errors = run_piece(j, 0, nfiles), bad = 0;
	for (int k = 1; k < npieces; k++) {
		int joined = w[k].pid >= 0 && join(j, &w[k], &bad);
		log_piece(k, npieces, joined);
		if (!joined)
			errors += run_piece(j, k, nfiles);
		close_worker(&w[k]);   /* the worker ends */
	}
	free(w);   /* the workers that ran to their end are left to end alone */
	return errors + bad;
}

/* ---- turns ----
 * Piece k is read by process k % procs (0: this one). A worker writes a
 * piece's output into one of its SLOTS buffers through a stdio stream,
 * then the piece's state after it, and reports; it takes a buffer again
 * when this process has written what was in it. */

struct slot_writer {
	char *at;
	size_t len, room;
	int overflow;           /* the piece's output did not fit: it is read here */
};

static struct slot_writer *turn_slot;   /* a worker's, reading in turns */

off_t
csf_jobs_written(void)
{
	if (turn_slot)   /* not flushed: see slot_write */
		return (off_t)(turn_slot->len + __fpending(csf_out));
	off_t at = fflush(csf_out) ? -1 : lseek(fileno(csf_out), 0, SEEK_CUR);
	if (at < 0)
		csf_die(1, "write error: %s", csf_strerror(errno));
	return at;
}

/* The stream's buffer is the slot itself, so what is written lands in
 * place, copied once: a write then only counts it. Written from
 * elsewhere (a write longer than the room left), it is copied; from
 * the slot's start again (the stream flushed before its end and took
 * its buffer from the start), what was there is lost and the piece is
 * read here. */
static ssize_t
slot_write(void *cookie, const char *buf, size_t n)
{
	struct slot_writer *s = cookie;
	if (buf == s->at + s->len && n <= s->room - s->len)
		s->len += n;
	else if ((buf >= s->at && buf < s->at + s->room) || n > s->room - s->len)
		s->overflow = 1;
	else {
		memcpy(s->at + s->len, buf, n);
		s->len += n;
	}
	return (ssize_t)n;
}

static _Noreturn void
take_turns(const struct csf_jobs *j, int first, int procs, int nfiles, int npieces, struct worker *w,
           int report, int done)
{
	worker_start(w);
	struct slot_writer slot;
	turn_slot = &slot;
	long bad = csf_bad_total();
	for (int k = first, m = 0; k < npieces; k += procs, m++) {
		char c;
		ssize_t got = 1;
		if (m >= SLOTS)   /* the buffer of piece m - SLOTS is free again */
			while ((got = read(done, &c, 1)) < 0 && errno == EINTR)
				;
		if (got != 1)
			_exit(0);   /* the parent needs no more */
		slot = (struct slot_writer){ w->slots + (size_t)(m % SLOTS) * slot_bytes, 0, slot_bytes, 0 };
		FILE *out = fopencookie(&slot, "w", (cookie_io_functions_t){ .write = slot_write });
		if (!out || setvbuf(out, slot.at, _IOFBF, slot.room))
			_exit(1);
		csf_out_to(out);
		char *state = NULL;
		size_t state_len = 0;
		FILE *state_fp = open_memstream(&state, &state_len);
		struct worker_report r;
		memset(&r, 0, sizeof r);   /* padding too: every byte sent is set */
		fflush(stderr);
		r.err_from = lseek(STDERR_FILENO, 0, SEEK_CUR);
		if (!state_fp)
			_exit(1);
		j->begin(j->ctx, state_fp, piece_files[pieces[k].from], piece_base(k) + 1);
		run_piece(j, k, nfiles);
		r.joinable = j->turn_end(j->ctx);
		csf_out_to(stdout);   /* (/dev/null) not a stream that is gone */
		if (fclose(out) || fclose(state_fp) || fflush(stderr))
			_exit(1);
		if (state_len > slot.room - slot.len)
			slot.overflow = 1;
		else
			memcpy(slot.at + slot.len, state, state_len);
		free(state);
		r.piece = k;
		r.joinable &= !slot.overflow;
		r.out = slot.len;
		r.state = state_len;
		r.err_to = lseek(STDERR_FILENO, 0, SEEK_CUR);
		r.bad = csf_bad_total() - bad;
		bad = csf_bad_total();
		if (!send_report(report, &r))
			_exit(1);
	}
	_exit(0);
}

/* The first line of piece k (without its newline); NULL when there is
 * no piece k or it cannot be read. */
static char *
first_line(int k, int npieces, size_t *len)
{
	if (k >= npieces)
		return NULL;
	int fd = open(piece_files[pieces[k].from], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 1 << 12, n = 0;
	char *line = xmalloc(cap);
	ssize_t got;
	while ((got = pread(fd, line + n, cap - n, pieces[k].start + (off_t)n)) > 0 || (got < 0 && errno == EINTR)) {
		char *nl = got > 0 ? memchr(line + n, '\n', (size_t)got) : NULL;
		n += got > 0 ? (size_t)got : 0;
		if (nl) {
			n = (size_t)(nl - line);
			break;
		}
		if (n == cap) {
			if (cap >= CSF_LINE_MAX)
				break;
			line = xrealloc(line, cap *= 2);
		}
	}
	close(fd);
	*len = n;
	return line;
}

/* Piece k of worker w: 1 when it joined on (its output and messages
 * are then written out). Either way its buffer is free again. */
static int
join_turn(const struct csf_jobs *j, struct worker *w, int k, int procs, int npieces, long *bad)
{
	struct worker_report r;
	if (!take_report(w, &r))
		return 0;
	int joined = 0;
	char *slot = w->slots + (size_t)(w->turns % SLOTS) * slot_bytes;
	FILE *state = r.piece == k && r.joinable ? fmemopen(slot + r.out, r.state, "r") : NULL;
	if (state) {
		struct csf_joining out = { -1, slot, (off_t)r.out, 0, NULL, 0 };
		char *next = first_line(k + 1, npieces, &out.next_len);
		out.next = next;
		joined = join_piece(j, w, &r, state, &out, bad);
		free(next);
		fclose(state);
	}
	if (k + SLOTS * procs < npieces && send(w->done, "", 1, MSG_NOSIGNAL) != 1) {
		/* It stopped: its pieces are read here. */
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
		w->pid = -1;
	}
	w->turns++;
	return joined;
}

static long
run_turns(const struct csf_jobs *j, int nfiles, int npieces)
{
	int procs = j->jobs < npieces ? j->jobs : npieces;
	struct worker *w = xcalloc((size_t)procs, sizeof *w);
	for (int i = 1; i < procs; i++) {
		int fds[2] = { -1, -1 }, done[2] = { -1, -1 };
		w[i].pid = -1;   /* no worker: its pieces are read here */
		w[i].done = -1;
		w[i].slots = mmap(NULL, SLOTS * slot_bytes, PROT_READ | PROT_WRITE,
		                  MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (w[i].slots == MAP_FAILED)
			w[i].slots = NULL;
		w[i].err = csf_tmpfile(0);
		/* done is a socket: a byte sent to a worker that stopped is an
		 * error, not SIGPIPE. */
		if (w[i].slots && w[i].err && pipe(fds) == 0 && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, done) == 0
		    && (w[i].pid = fork()) == 0) {
			close(fds[0]);
			close(done[1]);
			for (int e = 1; e < i; e++)
				close_worker(&w[e]);
			take_turns(j, i, procs, nfiles, npieces, &w[i], fds[1], done[0]);
		}
		keep_parent_ends(&w[i], fds, done);
	}
	long errors = 0, bad = 0;
	for (int k = 0; k < npieces; k++) {
		struct worker *wk = &w[k % procs];
		int joined = k % procs && wk->pid >= 0 && join_turn(j, wk, k, procs, npieces, &bad);
		if (k % procs)
			log_piece(k, npieces, joined);
		if (!joined)
			errors += run_piece(j, k, nfiles);
	}
	for (int i = 1; i < procs; i++)
		close_worker(&w[i]);
	free(w);
	return errors + bad;
}

/* How many pieces to read in turns: CSF_JOBS_PIECES when set (for tests
 * and doubts), else about TURN_OUTPUT of output each; CSF_JOBS_BUFFER sets the room
 * for a piece's output and state. */
static int
turn_pieces(int procs, double out_ratio, int nfiles, char **files)
{
	const char *env = getenv("CSF_JOBS_BUFFER");   /* a piece's room, for tests */
	if (env && atol(env) > 0)
		slot_bytes = (size_t)atol(env);
	env = getenv("CSF_JOBS_PIECES");
	if (env && atol(env) > 0)
		return atol(env) < 1 << 16 ? (int)atol(env) : 1 << 16;
	off_t total = 0;
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		if (stat(files[i], &st) == 0)
			total += st.st_size;
	}
	off_t n = (off_t)((double)total * (out_ratio > 0 ? out_ratio : 1) / TURN_OUTPUT);
	return n < procs ? procs : n > 4096 ? 4096 : (int)n;
}

long
csf_jobs_run(const struct csf_jobs *j, int nfiles, char **files)
{
	int n = j->turn_end ? turn_pieces(j->jobs, j->out_ratio, nfiles, files) : j->jobs;
	pieces = xcalloc((size_t)n, sizeof *pieces);
	piece_sizes = xcalloc((size_t)nfiles + 1, sizeof *piece_sizes);
	piece_files = files;
	int npieces = csf_split(nfiles, files, n, j->first_extra, j->turn_end ? j->jobs : n, j->recstart, pieces, piece_sizes);
	long errors = -1;
	if (npieces >= 2) {
		counted = xmalloc((size_t)npieces * sizeof *counted);
		for (int k = 0; k < npieces; k++)
			counted[k] = -1;
		csf_lines_counted_by(real_line);
		fflush(csf_out);
		fflush(stderr);
		errors = j->turn_end ? run_turns(j, nfiles, npieces) : run_whole(j, nfiles, npieces);
	}
	/* pieces and counted stay: messages at the end may name lines of the
	 * pieces. */
	return errors;
}
