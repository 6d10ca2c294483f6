/* cli.c - the options every tool takes, parsed in one place, and the
 * parsers of option values: a value that does not parse is named with
 * its option, GNU style ("csf-gap: invalid number 'abc' for --top"),
 * exit 2; nothing is half-read ("0x10", "3abc") or silently dropped. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csf.h"

static const char *
lang_from_locale(void)
{
	static const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "ja", 2) == 0 ? "ja" : "en";
	}
	return "en";
}

static char **saved_argv;

/* --lang decides the language of every message, including those about
 * options before it ("--format x --lang ja") and --help wherever it is: so
 * it is taken before any option is parsed. A bad value is left for the
 * tool's own parse to report. */
static void
lang_from_args(int argc, char **argv)
{
	for (int i = 1; i < argc && argv[i]; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "--lang") == 0 && i + 1 < argc)
			v = argv[++i];
		else if (strncmp(a, "--lang=", 7) == 0)
			v = a + 7;
		if (v && (strcmp(v, "ja") == 0 || strcmp(v, "en") == 0))
			csf_opt.lang = strcmp(v, "ja") ? "en" : "ja";
	}
}

/* A tool started with 0, 1 or 2 closed would give that number to the next
 * file it opens (csf-gap -j's temporary files, -o's), and its output or
 * messages would land there with exit 0. Hold each closed one with
 * /dev/null opened the other way, so I/O on it fails as on a closed one. */
static void
hold_closed_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

/* Exit 0 once what --help or --version printed is out; 1 if it could not
 * be written (a closed or full stdout), as with any other output. */
static _Noreturn void
exit_written(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		csf_die(1, "write error: %s", csf_strerror(errno));
	exit(0);
}

void
csf_init(int argc, char **argv)
{
	hold_closed_std_fds();
	if (argv && argv[0]) {
		const char *slash = strrchr(argv[0], '/');
		argv0 = slash ? slash + 1 : argv[0];
		argv[0] = (char *)argv0;
	}
	saved_argv = argv;
	opterr = 0;  /* getopt's own messages are English only: csf_common_option words them */
	csf_opt.lang = lang_from_locale();
	if (argv)
		lang_from_args(argc, argv);
	/* Reals print at 15 significant digits elsewhere; keep the C locale
	 * so a user's LC_NUMERIC never turns "3.5" into "3,5". */
}

/* Chosen when printed, not when the tool starts: --lang may come first. */
static const char *
usage_in_lang(const struct csf_usage_text *usage)
{
	return strcmp(csf_opt.lang, "ja") == 0 && usage->ja ? usage->ja : usage->en;
}

void
csf_usage(const struct csf_usage_text *usage)
{
	fputs(usage_in_lang(usage), stderr);
	exit(2);
}

/* The message getopt would have printed (in its words), in the chosen language. getopt
 * leaves optopt 0 for an unknown long option and the option's value for
 * one missing its argument; for a short letter it cannot tell us which. */
static void
bad_option(void)
{
	const char *arg = saved_argv && optind > 0 ? saved_argv[optind - 1] : NULL;
	if (arg && strncmp(arg, "--", 2) == 0) {
		int n = (int)strcspn(arg, "=");
		if (optopt)
			csf_warn("option '%.*s' requires an argument", n, arg);
		else
			csf_warn("unrecognized option '%.*s'", n, arg);
	} else if (optopt > 0 && optopt < 0x80)
		csf_warn("invalid option or missing argument -- '%c'", optopt);
	else
		csf_warn("invalid option");
}

int
csf_common_option(int c, const char *arg, const struct csf_usage_text *usage)
{
	switch (c) {
	case 'o':
		csf_opt.output = csf_arg_nonempty("--output", arg);
		return 1;
	case CSF_OPT_DATA:
		csf_opt.datadir = csf_arg_nonempty("--data", arg);
		return 1;
	case CSF_OPT_LANG:
		csf_opt.lang = csf_arg_choice("--lang", arg, "ja|en") == 0 ? "ja" : "en";
		return 1;
	case CSF_OPT_KEEP_GOING:
		csf_opt.keep_going = 1;
		return 1;
	case 'h':
		fputs(usage_in_lang(usage), stdout);
		exit_written();
	case CSF_OPT_VERSION:
		printf("%s (csf) %s\n", argv0, CSF_VERSION);
		exit_written();
	case '?':
	case ':':
		bad_option();
		csf_usage(usage);
	}
	return 0;
}

void
csf_try_help(void)
{
	char *msg = csf_fmt(csf_tr("Try '%s --help' for more information."), argv0);
	fprintf(stderr, "%s\n", msg);  /* no "csf-X: ": GNU tools print it bare (csf_tr) */
	free(msg);
	exit(2);
}

void
csf_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	csf_vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	csf_try_help();
}

/* Decimal digits with an optional leading minus: no spaces, no '+', no
 * "0x" (strtol would take "0x10" as 16 with base 0, or stop at 'x'). */
static int
plain_integer(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

long
csf_arg_long(const char *opt, const char *arg, long min, long max)
{
	if (!plain_integer(arg))
		csf_usage_error("invalid number '%s' for %s", arg, opt);
	errno = 0;
	long v = strtol(arg, NULL, 10);
	if (errno || v < min || v > max)
		csf_usage_error("number '%s' for %s is out of range (%ld to %ld)", arg, opt, min, max);
	return v;
}

/* A decimal number: digits, at most one '.', an exponent; never hex,
 * "inf" or "nan", which strtod would take. */
static int
plain_decimal(const char *s)
{
	int digits = 0;
	if (*s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

double
csf_arg_double(const char *opt, const char *arg, double min, double max)
{
	if (!plain_decimal(arg))
		csf_usage_error("invalid number '%s' for %s", arg, opt);
	double v = strtod(arg, NULL);
	if (!isfinite(v) || v < min || v > max)
		csf_usage_error("number '%s' for %s is out of range (%g to %g)", arg, opt, min, max);
	return v;
}

const char *
csf_arg_nonempty(const char *opt, const char *arg)
{
	if (!*arg)
		csf_usage_error("empty value for %s", opt);
	return arg;
}

const char *
csf_arg_list(const char *opt, const char *arg)
{
	csf_arg_nonempty(opt, arg);
	for (const char *p = arg; ; p++) {
		size_t n = strcspn(p, ",");
		if (n == 0)
			csf_usage_error("invalid list '%s' for %s: empty name", arg, opt);
		p += n;
		if (!*p)
			break;
	}
	return arg;
}

int
csf_arg_choice(const char *opt, const char *arg, const char *choices)
{
	int i = 0;
	for (const char *p = choices; ; i++) {
		size_t n = strcspn(p, "|");
		if (strlen(arg) == n && !memcmp(arg, p, n))
			return i;
		p += n;
		if (!*p)
			break;
		p++;
	}
	/* "ja|en" reads "ja or en" in the message. Built on the stack: the
	 * process exits next, and valgrind would count a heap copy as lost. */
	char out[512] = "";
	size_t len = 0;
	for (const char *p = choices; *p && len < sizeof out - 64; ) {
		size_t n = strcspn(p, "|");
		const char *sep = !len ? "" : csf_tr(p[n] ? ", " : " or ");
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s", sep, (int)n, p);
		p += n + (p[n] == '|');
	}
	csf_usage_error("invalid value '%s' for %s (expected %s)", arg, opt, out);
}

const char *
csf_arg_field(const char *opt, const char *arg)
{
	csf_arg_nonempty(opt, arg);
	if (arg[0] == '-')
		csf_usage_error("%s needs a field name, not '%s'", opt, arg);
	return arg;
}
