/* jobs.h - one input read by several processes (csf-gap -j, csf-map-nice
 * -c -j). The files are cut into pieces at lines that start a record
 * (core/split.h). This process reads the first piece as usual while a
 * worker process reads each other piece into temp files: its output, its
 * messages, and what the tool holds at its end. Then, piece by piece in
 * order, the tool joins the worker's piece on (its output and messages
 * are copied out, its state added in) when that gives exactly what
 * reading the piece here would; otherwise this process reads the piece
 * itself. Either way the output is the one-process output, byte for
 * byte. A tool with a turn_end hook has its input read in turns: many
 * pieces, each process reading every jobs-th one. */
#ifndef CSF_JOBS_H
#define CSF_JOBS_H

#include <stdio.h>
#include <sys/types.h>

#include "core/csf.h"

/* A worker's output while its piece joins on (see join below). */
struct csf_joining;

struct csf_jobs {
	int jobs;                /* processes, at least 2 */
	const char *recstart;    /* how a line that may begin a piece begins ("": any) */
	double first_extra;      /* the first piece (in turns, each of this process's) is
	                          * longer by this share of a piece */
	double out_ratio;        /* about the output's size over the input's (temp files) */
	void *ctx;
	/* One input (a piece of one file) read as this process reads its
	 * input; closes it and returns the bad records it reported. */
	long (*read)(void *ctx, csf_input *in);
	/* In a worker, before its piece, whose first record is at
	 * file:line: what it holds at its end goes to state. */
	void (*begin)(void *ctx, FILE *state, const char *file, long line);
	/* In a worker after its piece: write what is held to the state
	 * instead of the output. 0 when the piece cannot join on. */
	int (*end)(void *ctx);
	/* In the process that read the pieces before, with the worker's
	 * state: 1 when the piece joins on exactly as if this process had
	 * read it; the hook has then written what the piece's records would
	 * have made this process write (after csf_jobs_copy of the worker's
	 * output up to where that goes, if not before it all) and taken the
	 * state in. 0, having changed nothing: the piece is read here. */
	int (*join)(void *ctx, FILE *state, struct csf_joining *out);
	/* Optional: read in turns. The input is cut into many pieces that
	 * this process and the workers read in turn, so that a worker's
	 * output waits in a small buffer, used again and again, not in a
	 * file as long as its share of the output (fresh memory costs a
	 * worker a fifth of its time). begin is called before each of a
	 * worker's pieces, and turn_end after it in place of end: close
	 * what the piece left open (what that writes is the piece's
	 * output), write what is held to the state and let go of it, and
	 * return 0 when the piece cannot join on. The join hook then also
	 * sees the first line of the piece after (csf_jobs_next). */
	int (*turn_end)(void *ctx);
};

/* Read regular files in pieces; the bad records reported, or -1 when
 * they cannot be cut (stdin, a pipe, no place to cut): then nothing
 * was read. CSF_JOBS_LOG set: a message says how each piece went. */
long csf_jobs_run(const struct csf_jobs *j, int nfiles, char **files);
/* In a join hook: write the worker's output out up to offset upto
 * (-1: all of it). */
void csf_jobs_copy(struct csf_joining *out, off_t upto);
/* In a worker: the bytes of its piece's output written so far. */
off_t csf_jobs_written(void);
/* In a join hook, reading in turns: the first line of the piece this
 * process reads next (no newline; NULL when the input ends there). */
const char *csf_jobs_next(const struct csf_joining *out, size_t *len);

#endif
