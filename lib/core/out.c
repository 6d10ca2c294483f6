/* out.c - where records go: stdout, or with -o a temp file renamed into
 * place at the end, so a reader never sees half a report. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"

FILE *csf_out;
static char *tmp_path;   /* pending temp file, removed if we exit early */

static void
remove_tmp(void)
{
	if (tmp_path)
		unlink(tmp_path);
}

FILE *
csf_out_open(void)
{
	const char *path = csf_opt.output;
	if (!path || strcmp(path, "-") == 0)
		return csf_out = stdout;
	size_t n = strlen(path);
	tmp_path = xmalloc(n + 8);
	memcpy(tmp_path, path, n);
	memcpy(tmp_path + n, ".XXXXXX", 8);
	int fd = mkstemp(tmp_path);
	if (fd < 0) {
		csf_warn("%s: %s", path, strerror(errno));
		free(tmp_path);
		tmp_path = NULL;
		exit(1);
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	atexit(remove_tmp);
	csf_out = fdopen(fd, "w");
	if (!csf_out)
		csf_die(1, "%s: %s", path, strerror(errno));
	return csf_out;
}

int
csf_out_close(void)
{
	if (!csf_out)
		return 0;
	int bad = fflush(csf_out) != 0 || ferror(csf_out);
	if (csf_out == stdout) {
		csf_out = NULL;
		if (bad) {
			csf_warn("write error: %s", strerror(errno));
			return 1;
		}
		return 0;
	}
	bad |= fclose(csf_out) != 0;
	csf_out = NULL;
	if (bad || rename(tmp_path, csf_opt.output) != 0) {
		csf_warn("%s: %s", csf_opt.output, strerror(errno));
		return 1;  /* remove_tmp cleans up at exit */
	}
	free(tmp_path);
	tmp_path = NULL;
	return 0;
}

void
csf_emit(json_t *obj)
{
	/* Encode into one buffer and write it once: json_dumpf's many small
	 * writes cost a quarter of a scoring run. */
	static char *buf;
	static size_t cap;
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
	size_t n = json_dumpb(obj, buf, cap, flags);
	if (n >= cap) {
		cap = n + 1 > 4096 ? n + 1 : 4096;
		buf = xrealloc(buf, cap);
		n = json_dumpb(obj, buf, cap, flags);
	}
	buf[n] = '\n';
	fwrite(buf, 1, n + 1, csf_out);
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
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			csf_die(1, "write error: %s", strerror(errno));
		}
		buf += n;
		len -= (size_t)n;
	}
}

void
csf_pass_add(const csf_line *ln, const char *key, const char *json, size_t len)
{
	/* The line is a validated JSON object: its last non-blank byte is the
	 * closing brace, and the byte before that (blanks skipped) is the
	 * opening one only if the object is empty. */
	size_t end = ln->len, prev;
	while (end > 0 && strchr(" \t\r\n", ln->text[end - 1]))
		end--;
	end--;  /* the '}' */
	for (prev = end; prev > 0 && strchr(" \t\r\n", ln->text[prev - 1]); prev--)
		;
	fwrite(ln->text, 1, end, csf_out);
	if (prev > 0 && ln->text[prev - 1] != '{')
		putc(',', csf_out);
	putc('"', csf_out);
	fputs(key, csf_out);
	fputs("\":", csf_out);
	fwrite(json, 1, len, csf_out);
	fputs("}\n", csf_out);
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
