/* split.h - cutting regular files into pieces that start at a record, for
 * a tool that reads them in several processes (core/jobs.h),
 * and the temp files those processes write into. */
#ifndef CSF_SPLIT_H
#define CSF_SPLIT_H

#include <stdio.h>
#include <sys/types.h>

/* Bytes of files from file "from" at offset "start" up to file "to" at
 * offset "end" (end excluded; to == nfiles: the end of the last file). */
struct csf_piece {
	int from, to;
	off_t start, end;
};

/* Cut files into at most n pieces of about equal size (pieces 0, every,
 * 2 every ... longer by extra of a piece), each after the first starting
 * at a line that begins with recstart. Returns the number
 * of pieces (1 when there is no place to cut), or 0 when a file is not a
 * regular file (stdin, a pipe) or cannot be read. sizes gets each file's
 * size (nfiles entries). */
int csf_split(int nfiles, char **files, int n, double extra, int every, const char *recstart,
              struct csf_piece *pieces, off_t *sizes);
/* Newlines in path before offset end: the line number a piece starts
 * after. -1 on a read error. */
long csf_lines_before(const char *path, off_t end);
/* A new unlinked file for reading and writing, for about size bytes: in
 * $TMPDIR when set, else in memory when a fourth of the free memory
 * holds it, else in /tmp; NULL when there is none. */
FILE *csf_tmpfile(off_t size);
/* Copy bytes start to end (-1: its end) of file fd "from" to fd "to"
 * (any kind of file), leaving from's offset alone; 0 on success, -1
 * with errno set. */
int csf_copy_range(int from, int to, off_t start, off_t end);

#endif
