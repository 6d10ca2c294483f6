/* cli.c - the options every tool takes, parsed in one place. */
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"

struct csf_common csf_opt = { NULL, NULL, "en", 0 };

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

void
csf_init(int argc, char **argv)
{
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

/* The message getopt would have printed, in the chosen language. getopt
 * leaves optopt 0 for an unknown long option and the option's value for
 * one missing its argument; for a short letter it cannot tell us which. */
static void
bad_option(void)
{
	const char *arg = saved_argv && optind > 0 ? saved_argv[optind - 1] : NULL;
	if (arg && strncmp(arg, "--", 2) == 0) {
		int n = (int)strcspn(arg, "=");
		if (optopt)
			csf_warn("option %.*s needs a value", n, arg);
		else
			csf_warn("unknown option %.*s", n, arg);
	} else if (optopt > 0 && optopt < 0x80)
		csf_warn("unknown option or missing value: -%c", optopt);
	else
		csf_warn("unknown option");
}

int
csf_common_option(int c, const char *arg, const struct csf_usage_text *usage)
{
	switch (c) {
	case 'o':
		csf_opt.output = arg;
		return 1;
	case CSF_OPT_DATA:
		csf_opt.datadir = arg;
		return 1;
	case CSF_OPT_LANG:
		if (strcmp(arg, "ja") && strcmp(arg, "en")) {
			csf_warn("--lang: expected ja or en, not '%s'", arg);
			exit(2);
		}
		csf_opt.lang = strcmp(arg, "ja") ? "en" : "ja";
		return 1;
	case CSF_OPT_KEEP_GOING:
		csf_opt.keep_going = 1;
		return 1;
	case 'h':
		fputs(usage_in_lang(usage), stdout);
		exit(0);
	case CSF_OPT_VERSION:
		printf("%s (csf) %s\n", argv0, CSF_VERSION);
		exit(0);
	case '?':
	case ':':
		bad_option();
		csf_usage(usage);
	}
	return 0;
}
