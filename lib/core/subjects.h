/* subjects.h - per-subject state for the tools that read records of many
 * subjects (every model's assess, gap and plan stages use it). */
#ifndef CSF_SUBJECTS_H
#define CSF_SUBJECTS_H

#include <stdint.h>

#include "core/csf.h"

/* ---- per-subject state (subjects.c) ----
 * Grouped input (default) holds one subject and closes it when another
 * starts; a subject seen again later is an error. With ungrouped set,
 * every subject is held and closed at the end in first-seen order. */
typedef void *(*subject_open_fn)(void *ctx, const char *name);
typedef void (*subject_close_fn)(void *ctx, void *state);   /* emit and free */
typedef struct subjects subjects;
subjects *subjects_new(int ungrouped, subject_open_fn open, subject_close_fn close, void *ctx);
/* State for a record of subject name: switches the current subject (closing
 * the previous one). NULL after reporting a subject that comes back. */
void *subjects_get(subjects *s, csf_input *in, const csf_line *ln, const char *name);
/* The same for side records (profiles): never closes the current subject;
 * a subject not current yet is opened and held until its records come. */
void *subjects_side(subjects *s, csf_input *in, const csf_line *ln, const char *name);
/* A split run (csf-gap -j): a worker reads a piece of the input and logs
 * the subjects it opens (from none: each piece begins a new log); the process that read the pieces before it then
 * joins the worker's subjects on, exactly as if it had read the piece. */
void subjects_log(subjects *s);
/* A worker at the end of a piece read in turns (core/jobs.h): close the
 * current subject, counted as seen (done) when the next piece's first
 * record closes it, not when its records may go on there (the parent
 * then adopts it); 1 with its hash, or 0 when there was none. */
int subjects_close_current(subjects *s, int done, uint64_t *hash);
/* The hashes of the subjects opened, and where the first one was. */
size_t subjects_logged(const subjects *s, const uint64_t **hashes, const char **file, long *line);
/* If none of the n subjects was seen before (the current one included),
 * close the current subject as the piece's first record would, count the
 * n as seen, and return 1; else change nothing and return 0. */
int subjects_join(subjects *s, const uint64_t *hashes, size_t n);
/* Whether subjects_join would join them (changes nothing). */
int subjects_can_join(const subjects *s, const uint64_t *hashes, size_t n);
/* After subjects_join, when the worker left its last subject open (its
 * records may go on in the next piece): name becomes the current
 * subject, with the state the worker held for it. */
void subjects_adopt(subjects *s, const char *name, void *state);
/* Close the current subject and every held one; free s. */
void subjects_finish(subjects *s);

#endif
