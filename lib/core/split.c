/* split.c - pieces of regular files that start at a record, and the temp
 * files of the processes that read them (see split.h). */
#define _GNU_SOURCE   /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"
#include "core/split.h"

/* The first line at or after from that begins with pat; -1 if none. */
static off_t
find_line(const char *path, off_t size, off_t from, const char *pat)
{
	size_t plen = strlen(pat);
	if (from >= size)
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char *map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	off_t at = -1;
	if (from == 0 && (size_t)size >= plen && memcmp(map, pat, plen) == 0)
		at = 0;
	else {
		/* A newline and pat, the newline at from - 1 or later. */
		char *needle = xmalloc(plen + 1);
		needle[0] = '\n';
		memcpy(needle + 1, pat, plen);
		off_t begin = from > 0 ? from - 1 : 0;
		char *hit = memmem(map + begin, (size_t)(size - begin), needle, plen + 1);
		if (hit)
			at = hit - map + 1;
		free(needle);
	}
	munmap(map, (size_t)size);
	return at;
}

int
csf_split(int nfiles, char **files, int n, double extra, int every, const char *recstart,
          struct csf_piece *pieces, off_t *sizes)
{
	off_t total = 0;
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
		sizes[i] = st.st_size;
		total += st.st_size;
	}
	int m = 0;
	pieces[0] = (struct csf_piece){ 0, nfiles, 0, 0 };
	off_t last = 0;   /* where the last piece begins, counted over all files */
	/* Piece k begins after weight(k) of weight(n) of the input: every
	 * piece weighs 1, and the every-th ones 1 + extra. */
	double whole = n + extra * ((n + every - 1) / every);
	for (int k = 1; k < n; k++) {
		double before = k + extra * ((k + every - 1) / every);
		off_t want = (off_t)((double)total * before / whole), base = 0;
		if (want <= last)
			continue;
		int f = 0;
		while (f < nfiles && base + sizes[f] <= want)
			base += sizes[f++];
		off_t at = -1, from = want - base;
		for (; f < nfiles; base += sizes[f++], from = 0)
			if ((at = find_line(files[f], sizes[f], from, recstart)) >= 0)
				break;
		if (at < 0)
			break;   /* no record starts after want */
		pieces[m].to = f;
		pieces[m].end = at;
		pieces[++m] = (struct csf_piece){ f, nfiles, at, 0 };
		last = base + at;
	}
	return m + 1;
}

long
csf_lines_before(const char *path, off_t end)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	static char buf[1 << 18];
	long lines = 0;
	while (end > 0) {
		ssize_t got = read(fd, buf, end < (off_t)sizeof buf ? (size_t)end : sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			lines = -1;
			break;
		}
		for (const char *p = buf, *stop = buf + got; (p = memchr(p, '\n', (size_t)(stop - p))); p++)
			lines++;
		end -= got;
	}
	close(fd);
	return lines;
}

FILE *
csf_tmpfile(off_t size)
{
	const char *dir = getenv("TMPDIR");
#ifdef MFD_CLOEXEC
	/* In memory when there is room to spare: a file system charges for
	 * every page written (a quarter of a worker's time at 4 M records). */
	long pages = sysconf(_SC_AVPHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if ((!dir || !*dir) && pages > 0 && page > 0 && size / page < pages / 4) {
		int fd = memfd_create("csf", MFD_CLOEXEC);
		FILE *fp = fd < 0 ? NULL : fdopen(fd, "w+");
		if (fp)
			return fp;
		if (fd >= 0)
			close(fd);
	}
#endif
	if (!dir || !*dir)
		dir = "/tmp";
	size_t n = strlen(dir);
	char *path = xmalloc(n + 16);
	memcpy(path, dir, n);
	memcpy(path + n, "/csf.XXXXXX", 12);
	int fd = mkstemp(path);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "w+");
	if (fd >= 0)
		unlink(path);
	if (fd >= 0 && !fp)
		close(fd);
	free(path);
	return fp;
}

int
csf_copy_range(int from, int to, off_t start, off_t end)
{
	if (end < 0) {
		struct stat st;
		if (fstat(from, &st) != 0)
			return -1;
		end = st.st_size;
	}
	off_t at = start;
	ssize_t n = 0;
	while (at < end) {
		size_t want = end - at < (off_t)1 << 30 ? (size_t)(end - at) : (size_t)1 << 30;
		if ((n = sendfile(to, from, &at, want)) <= 0 && !(n < 0 && errno == EINTR))
			break;
	}
	if (at >= end)
		return 0;
	if (n == 0 || (errno != EINVAL && errno != ENOSYS))
		return -1;   /* cut short, or a write error */
	/* No sendfile between these two (an old kernel, an odd file). */
	static char buf[1 << 16];
	while (at < end) {
		n = pread(from, buf, end - at < (off_t)sizeof buf ? (size_t)(end - at) : sizeof buf, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		at += n;
		if (csf_write_all(to, buf, (size_t)n) < (size_t)n)
			return -1;
	}
	return 0;
}
