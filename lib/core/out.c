/* out.c - where records go: stdout, or with -o a temp file renamed into
 * place at the end, so a reader never sees half a report. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"

FILE *csf_out;
static char *tmp_path;   /* pending temp file, removed if we exit early */
static char *target_path; /* what a symbolic link -o named resolves to */
static int direct;        /* -o names a device or FIFO: written in place */

static void
remove_tmp(void)
{
	if (tmp_path)
		unlink(tmp_path);
}

/* -o onto something that is not a regular file (a terminal, /dev/null,
 * a FIFO): write to it directly; a rename would replace the device node
 * with a file, and needs a directory a user may not write. */
static FILE *
open_direct(const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		csf_die(1, "%s: %s", path, csf_strerror(errno));
	FILE *fp = fdopen(fd, "w");
	if (!fp)
		csf_die(1, "%s: %s", path, csf_strerror(errno));
	return fp;
}

FILE *
csf_out_open(void)
{
	const char *path = csf_opt.output;
	if (!path || strcmp(path, "-") == 0)
		return csf_out = stdout;
	/* A symbolic link keeps pointing where it did: the file it names is
	 * the one replaced. */
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (real)
			path = target_path = real;
	}
	int exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode))
		csf_die(1, "%s: %s", path, csf_strerror(EISDIR));
	if (exists && !S_ISREG(st.st_mode)) {
		direct = 1;
		return csf_out = open_direct(path);
	}
	size_t n = strlen(path);
	tmp_path = xmalloc(n + 8);
	memcpy(tmp_path, path, n);
	memcpy(tmp_path + n, ".XXXXXX", 8);
	int fd = mkstemp(tmp_path);
	if (fd < 0) {
		csf_warn("%s: %s", path, csf_strerror(errno));
		free(tmp_path);
		tmp_path = NULL;
		exit(1);
	}
	if (exists) {
		/* Replacing a file keeps its mode (a 600 file stays 600) and,
		 * where we may, its owner. */
		if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
			/* not ours to give away: the mode still holds */
		}
		fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	atexit(remove_tmp);
	csf_out = fdopen(fd, "w");
	if (!csf_out)
		csf_die(1, "%s: %s", path, csf_strerror(errno));
	return csf_out;
}

void
csf_out_to(FILE *fp)
{
	/* A worker of a split run: the -o temp file is its parent's, which
	 * keeps it at this process's exit. */
	tmp_path = NULL;
	direct = 0;
	csf_out = fp;
}

int
csf_out_close(void)
{
	if (!csf_out)
		return 0;
	int bad = fflush(csf_out) != 0 || ferror(csf_out);
	const char *path = target_path ? target_path : csf_opt.output;
	if (csf_out == stdout) {
		csf_out = NULL;
		if (bad) {
			csf_warn("write error: %s", csf_strerror(errno));
			return 1;
		}
		return 0;
	}
	int saved = errno;
	if (fclose(csf_out) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	csf_out = NULL;
	if (direct) {
		if (bad)
			csf_warn("%s: %s", path, csf_strerror(saved));
		return bad;
	}
	if (bad || rename(tmp_path, path) != 0) {
		csf_warn("%s: %s", path, csf_strerror(bad ? saved : errno));
		return 1;  /* remove_tmp cleans up at exit */
	}
	free(tmp_path);
	tmp_path = NULL;
	return 0;
}

/* Encode into one buffer and write it once: json_dumpf's many small
 * writes cost a quarter of a scoring run. */
static void
emit_line(json_t *obj, int whole)
{
	static char *buf;
	static size_t cap;
	const size_t flags = CSF_EMIT_FLAGS;
	size_t n = json_dumpb(obj, buf, cap, flags);
	if (n >= cap) {
		cap = n + 1 > 4096 ? n + 1 : 4096;
		buf = xrealloc(buf, cap);
		n = json_dumpb(obj, buf, cap, flags);
	}
	buf[n] = '\n';
	if (whole)
		csf_out_atomic(buf, n + 1);
	else
		fwrite(buf, 1, n + 1, csf_out);
}

void
csf_emit(json_t *obj)
{
	emit_line(obj, 0);
}

void
csf_emit_whole(json_t *obj)
{
	emit_line(obj, 1);
}

void
csf_emit_new(json_t *obj)
{
	csf_emit(obj);
	json_decref(obj);
}

void
csf_pass(const csf_line *ln)
{
	fwrite(ln->text, 1, ln->len, csf_out);
	putc('\n', csf_out);
}

void
csf_out_atomic(const char *buf, size_t len)
{
	if (fflush(csf_out) != 0)
		return;   /* csf_out_close reports the error */
	int fd = fileno(csf_out);
	if (fd < 0) {   /* a stream in memory (a worker's state): whole anyway */
		if (fwrite(buf, 1, len, csf_out) != len)
			csf_die(1, "write error: %s", csf_strerror(errno));
		return;
	}
	if (csf_write_all(fd, buf, len) < len)
		csf_die(1, "write error: %s", csf_strerror(errno));
}

size_t
csf_write_all(int fd, const void *p, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, (const char *)p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	return done;
}

/* A byte the end of a line may have after its closing brace (as
 * strchr(" \t\r\n", c) says, the NUL included). */
static inline int
trailing_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

void
csf_pass_add(const csf_line *ln, const char *key, const char *json, size_t len)
{
	/* The line is a validated JSON object: its last non-blank byte is the
	 * closing brace, and the byte before that (blanks skipped) is the
	 * opening one only if the object is empty. */
	size_t end = ln->len, prev;
	while (end > 0 && trailing_blank(ln->text[end - 1]))
		end--;
	end--;  /* the '}' */
	for (prev = end; prev > 0 && trailing_blank(ln->text[prev - 1]); prev--)
		;
	/* One write of the whole line, assembled here: csf-map-nice adds a
	 * map to every record of its input, and each stdio call costs more
	 * than copying a few hundred bytes. */
	static char *buf;
	static size_t cap;
	size_t klen = strlen(key), need = end + klen + len + 8, n = 0;
	if (need > cap) {
		cap = need * 2;
		buf = xrealloc(buf, cap);
	}
	memcpy(buf, ln->text, end);
	n = end;
	if (prev > 0 && ln->text[prev - 1] != '{')
		buf[n++] = ',';
	buf[n++] = '"';
	memcpy(buf + n, key, klen);
	n += klen;
	buf[n++] = '"';
	buf[n++] = ':';
	memcpy(buf + n, json, len);
	n += len;
	buf[n++] = '}';
	buf[n++] = '\n';
	fwrite(buf, 1, n, csf_out);
}

double
csf_round(double x, int decimals)
{
	double m = pow(10, decimals);
	/* The small nudge keeps 2.25 (stored as 2.2499999...) rounding up, as
	 * a person computing by hand would. */
	double r = round(x * m + (x >= 0 ? 1e-9 : -1e-9)) / m;
	return r == 0 ? 0 : r;  /* no "-0.0" */
}
