/* subjects.h - per-subject state for the tools that read records of many
 * subjects (every model's assess, gap and plan stages use it). */
#ifndef CSF_SUBJECTS_H
#define CSF_SUBJECTS_H

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
/* Close the current subject and every held one; free s. */
void subjects_finish(subjects *s);

#endif
