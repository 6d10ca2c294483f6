/* csf-assess - score self-assessment answers. Reads "answer" and "profile"
 * records (NDJSON, or CSV with a header row) for many subjects and writes
 * "score" records; with --template writes blank answers to fill in.
 * Answers to TKS items go to the TKS model (lib/assess.c); records of any
 * other type pass through unchanged. */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "mgmt.h"

static const char usage_text[] =
"usage: csf-assess [-u] [--keep-going] [-o FILE] [FILE...]\n"
"       csf-assess --template (--role IDS | --persona ID | FILE...) [--subject NAME] [--format ndjson|csv]\n"
"Score \"answer\" records against the targets of each subject's profile.\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n"
"      --template       write one blank answer per relevant item, target filled in\n"
"  -r, --role IDS       template for these roles (comma list, e.g. R03,R04)\n"
"  -p, --persona ID     template for a Plus Security persona (e.g. c)\n"
"  -s, --subject NAME   subject of the template answers (default \"you\")\n"
"      --format FMT     template as ndjson (default) or csv\n"
MGMT_ASSESS_USAGE
"      --keep-going     report bad records and go on (exit 1 at the end)\n"
"  -o, --output FILE    write FILE atomically instead of stdout\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

enum { OPT_TEMPLATE = CSF_OPT_FIRST_FREE, OPT_FORMAT };

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "template", no_argument, NULL, OPT_TEMPLATE },
	{ "role", required_argument, NULL, 'r' },
	{ "persona", required_argument, NULL, 'p' },
	{ "subject", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	MGMT_ASSESS_LONGOPTS,
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* The template mode: options and "choice" records pick the items. */
static int
run_template(struct template_opts *t, int nfiles, char **files)
{
	if (nfiles > 0) {
		csf_input *in = csf_input_open(nfiles, files);
		csf_line ln;
		while (csf_input_next(in, &ln)) {
			if (strcmp(ln.type, "choice") == 0) {
				json_t *obj = csf_line_parse(&ln);
				assess_template_choice(t, in, &ln, obj);
				json_decref(obj);
			} else {
				csf_input_bad(in, &ln, "--template reads \"choice\" records, not \"%s\"", ln.type);
			}
		}
		long errors = csf_input_errors(in);
		csf_input_close(in);
		if (errors)
			return 1;
	}
	return assess_template(t);
}

int
main(int argc, char **argv)
{
	struct assess_opts opt = { 0 };
	struct template_opts tpl = { "you", NULL, NULL, 0 };
	int template = 0, c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "ur:p:s:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, usage_text))
			continue;
		switch (c) {
		case 'u': opt.ungrouped = 1; break;
		case OPT_TEMPLATE: template = 1; break;
		case 'r': tpl.role = optarg; break;
		case 'p': tpl.persona = optarg; break;
		case 's': tpl.subject = optarg; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "csv") == 0)
				tpl.csv = 1;
			else if (strcmp(optarg, "ndjson") == 0)
				tpl.csv = 0;
			else
				csf_usage(usage_text);
			break;
		default:
			if (!mgmt_assess_option(c, optarg))   /* management model */
				csf_usage(usage_text);
		}
	}

	csf_out_open();
	if (template) {
		int bad = run_template(&tpl, argc - optind, argv + optind);
		return csf_out_close() || bad ? 1 : 0;
	}

	assess *tks = assess_new(&opt);
	/* --from-benchmark scores published rows; stdin is then not read. */
	int bench_only = mgmt_assess_start(opt.ungrouped) && argc == optind;
	csf_input *in = csf_input_open(argc - optind, argv + optind);
	csf_line ln;
	while (!bench_only && csf_input_next(in, &ln)) {
		if (strcmp(ln.type, "answer") == 0) {
			json_t *obj = csf_line_parse(&ln);
			const char *item = csf_str(obj, "item");
			if (item && csf_is_check_id(item))
				mgmt_assess_answer(in, &ln, obj);
			else
				assess_answer(tks, in, &ln, obj);
			json_decref(obj);
		} else if (strcmp(ln.type, "profile") == 0) {
			json_t *obj = csf_line_parse(&ln);
			mgmt_assess_profile(obj);
			assess_profile(tks, in, &ln, obj);
			json_decref(obj);
		} else {
			csf_pass(&ln);
		}
	}
	assess_finish(tks);
	mgmt_assess_finish();
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return csf_out_close() || errors ? 1 : 0;
}
