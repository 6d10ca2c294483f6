/* csf-check - validate csf data files and NDJSON streams for CI: every
 * line is JSON, every record of a known type has its fields, IDs are
 * unique, references resolve, levels are in range, NICE IDs exist.
 * It reports every problem it finds, never just the first. */
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "check/schema.h"
#include "check/coverage.h"

static const char usage_en[] =
"usage: csf-check [--nice NICE.json] [--data DIR] [FILE...]\n"
"Check csf records: JSON per line, fields per type, unique IDs, references,\n"
"ranges. Prints each problem as FILE:LINE: message; exit 1 if there are any.\n"
"  --nice FILE   also check every NICE ID against this NIST NICE JSON\n"
"                (v2.0.0 or v2.1.0 layout); default: $CSF_NICE if set\n"
"  --data DIR    resolve references to types the input lacks in DIR\n"
"  --lang ja|en, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-check [--nice NICE.json] [--data DIR] [FILE...]\n"
"csf のレコードを検査する: 行ごとの JSON、種類ごとのフィールド、ID の一意性、参照、\n"
"値の範囲。問題を一つずつ FILE:LINE: message の形で出力し、一つでもあれば終了コード 1。\n"
"  --nice FILE   すべての NICE ID をこの NIST NICE JSON とも照合する\n"
"                （v2.0.0 または v2.1.0 の形式）。既定: $CSF_NICE があればそれ\n"
"  --data DIR    入力にない種類への参照を DIR で解決する\n"
"  --lang ja|en, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

enum { OPT_NICE = CSF_OPT_FIRST_FREE };

static const struct option longopts[] = {
	{ "nice", required_argument, NULL, OPT_NICE },
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static nice_db *nice;
static const char *resource_file;   /* where the resource records came from */

/* An item no chain of resources takes to its target. */
static void
uncovered(const char *item, int target, const char *who, const char *why)
{
	if (strcmp(why, "none") == 0)
		csf_warn("%s: %s of %s: no resource covers it", resource_file, item, who);
	else if (strcmp(why, "above") == 0)
		csf_warn("%s: %s of %s: only resources teaching above its target %d cover it", resource_file, item, who, target);
	else if (strcmp(why, "outsourced") == 0)
		csf_warn("%s: %s of %s: only work on the job covers it, and it is outsourced", resource_file, item, who);
	else
		csf_warn("%s: %s of %s: the levels of its resources do not reach %d from 0", resource_file, item, who, target);
}

/* Load the NICE data set --nice names; all NICE handling starts here. */
static void
use_nice(csf_checker *ck, const char *path)
{
	if (!path)
		return;
	nice = nice_load(path, NULL);  /* notes on quirks in NIST's file are not problems in ours */
	if (!nice)
		exit(1);
	csf_checker_set_nice(ck, nice);
}

int
main(int argc, char **argv)
{
	const char *nice_path = NULL;
	int c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case OPT_NICE: nice_path = csf_arg_nonempty("--nice", optarg); break;
		default: csf_usage(&usage);
		}
	}
	csf_opt.keep_going = 1;  /* a checker reports everything */
	if (!nice_path && getenv("CSF_NICE") && *getenv("CSF_NICE"))
		nice_path = getenv("CSF_NICE");

	csf_checker *ck = csf_checker_new();
	use_nice(ck, nice_path);
	csf_input *in = csf_input_open(argc - optind, argv + optind);
	csf_line ln;
	json_t *resources = json_array();
	int roles = 0, personas = 0;
	while (csf_input_next(in, &ln)) {
		json_t *o = csf_line_parse(&ln);
		csf_checker_record(ck, ln.file, ln.line, o);
		/* A whole data set's catalogue must cover its framework: checked
		 * once all is read. */
		roles |= strcmp(ln.type, "role") == 0;
		personas |= strcmp(ln.type, "persona") == 0;
		if (o && strcmp(ln.type, "resource") == 0) {
			json_array_append(resources, o);
			if (!resource_file)
				resource_file = xstrdup(ln.file);
		}
		json_decref(o);
	}
	long problems = csf_checker_finish(ck) + csf_input_errors(in);
	/* Coverage means something only for a whole, otherwise sound data set. */
	if (json_array_size(resources) && roles && personas && !problems)
		problems += tks_coverage(resources, uncovered);
	json_decref(resources);
	csf_input_close(in);
	csf_checker_free(ck);
	nice_free(nice);
	if (problems)
		csf_warn(problems == 1 ? N_("%ld problem") : N_("%ld problems"), problems);
	return problems ? 1 : 0;
}
