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

void
csf_init(int argc, char **argv)
{
	(void)argc;
	if (argv && argv[0]) {
		const char *slash = strrchr(argv[0], '/');
		argv0 = slash ? slash + 1 : argv[0];
		argv[0] = (char *)argv0;  /* getopt's messages name the tool, not its path */
	}
	csf_opt.lang = lang_from_locale();
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
		csf_usage(usage);
	}
	return 0;
}
