/* csf-assess - score self-assessment answers. Reads "answer" and "profile"
 * records (NDJSON, or CSV with a header row) for many subjects and writes
 * "score" records; with --template writes blank answers to fill in.
 * Answers to TKS items go to the TKS model (lib/tks/assess.c); records of any
 * other type pass through unchanged. */
#include <stdlib.h>
#include <string.h>

#include "tks/pipeline.h"
#include "mgmt/mgmt.h"

static const char usage_en[] =
"usage: csf-assess [-u] [--csv] [--keep-going] [-o FILE] [FILE...]\n"
"       csf-assess --template [--role IDS] [--persona ID] [--target N] [--tasks]\n"
"                  [--subject NAME] [--format ndjson|csv] [CHOICES...]\n"
"       csf-assess --template --mgmt [--subject NAME] [--format ndjson|csv]\n"
"Score \"answer\" records against the targets of each subject's profile.\n"
"  -u, --ungrouped      input is not grouped by subject: hold every subject to the end\n"
"      --csv            read input as CSV with a header row (FILE.csv always is)\n"
"      --template       write one blank answer per relevant item, target filled in\n"
"  -r, --role IDS       template for these roles (comma list, e.g. R03,R04)\n"
"  -p, --persona ID     template for a Plus Security persona (e.g. c)\n"
"  -t, --target N       target level of role items, 1-4 (default 3)\n"
"      --tasks          list tasks too, not only knowledge and skills\n"
"      CHOICES          files of \"choice\" records answering the Case1/Case2 questions\n"
"  -s, --subject NAME   subject of the template answers (default \"you\")\n"
"      --format FMT     template as ndjson (default) or csv\n"
MGMT_ASSESS_USAGE
"      --keep-going     report bad records and go on (exit 1 at the end)\n"
"  -o, --output FILE    write FILE atomically instead of stdout\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-assess [-u] [--csv] [--keep-going] [-o FILE] [FILE...]\n"
"       csf-assess --template [--role IDS] [--persona ID] [--target N] [--tasks]\n"
"                  [--subject NAME] [--format ndjson|csv] [CHOICES...]\n"
"       csf-assess --template --mgmt [--subject NAME] [--format ndjson|csv]\n"
"\"answer\" レコードを、各対象者のプロファイルの目標と比べて採点する。\n"
"  -u, --ungrouped      入力が対象者ごとにまとまっていない: 全対象者を最後まで保持する\n"
"      --csv            入力をヘッダ行付きの CSV として読む（FILE.csv は常にそう読む）\n"
"      --template       関係する項目ごとに空の回答を 1 件書き出す（目標は記入済み）\n"
"  -r, --role IDS       これらの役割のテンプレート（カンマ区切り、例: R03,R04）\n"
"  -p, --persona ID     プラス・セキュリティのペルソナのテンプレート（例: c）\n"
"  -t, --target N       役割の項目の目標レベル、1〜4（既定 3）\n"
"      --tasks          知識・スキルだけでなくタスクも並べる\n"
"      CHOICES          Case1/Case2 の設問に答える \"choice\" レコードのファイル\n"
"  -s, --subject NAME   テンプレートの回答の対象者（既定 \"you\"）\n"
"      --format FMT     テンプレートを ndjson（既定）または csv で出す\n"
MGMT_ASSESS_USAGE_JA
"      --keep-going     不正なレコードを報告して続ける（最後に終了コード 1）\n"
"  -o, --output FILE    標準出力の代わりに FILE へ原子的に書き出す\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

enum { OPT_TEMPLATE = CSF_OPT_FIRST_FREE, OPT_FORMAT, OPT_CSV, OPT_TASKS };

static const struct option longopts[] = {
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "template", no_argument, NULL, OPT_TEMPLATE },
	{ "role", required_argument, NULL, 'r' },
	{ "persona", required_argument, NULL, 'p' },
	{ "subject", required_argument, NULL, 's' },
	{ "target", required_argument, NULL, 't' },
	{ "tasks", no_argument, NULL, OPT_TASKS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "csv", no_argument, NULL, OPT_CSV },
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

static assess *tks;

/* One input record: NDJSON lines arrive unparsed (row NULL), CSV rows as
 * objects of strings. */
static void
record(csf_input *in, const csf_line *ln, json_t *row)
{
	if (strcmp(ln->type, "answer") == 0) {
		if (!row && assess_answer_fast(tks, in, ln))
			return;
		json_t *obj = row ? assess_answer_from_row(row) : csf_line_parse(ln);
		const char *item = csf_str(obj, "item");
		if (item && csf_is_check_id(item))
			mgmt_assess_answer(in, ln, obj);   /* management model */
		else
			assess_answer(tks, in, ln, obj);
		json_decref(obj);
	} else if (strcmp(ln->type, "profile") == 0) {
		json_t *obj = row ? assess_profile_from_row(row) : csf_line_parse(ln);
		mgmt_assess_profile(obj);
		assess_profile(tks, in, ln, obj);
		json_decref(obj);
	} else {
		csf_pass_record(ln, row);
	}
}

/* Read one file (NDJSON, or CSV when csv is set or the name ends in .csv);
 * returns the number of bad records reported. */
static long
read_file(char *path, int csv)
{
	csf_input *in = csf_input_open(1, &path);
	csf_line ln;
	if (csv || csf_is_csv_path(path)) {
		/* Answer sheets need all three; with a "type" column rows may
		 * also be profiles. */
		static const char *const answers[] = { "subject", "item", "level", NULL };
		static const char *const typed[] = { "subject", NULL };
		csv_reader *r = csv_open(path, in);
		json_t *row;
		if (csv_require(r, csv_has_column(r, "type") ? typed : answers))
			while ((row = csv_next(r, &ln))) {
				record(in, &ln, row);
				json_decref(row);
			}
		csv_close(r);
	} else {
		while (csf_input_next(in, &ln))
			record(in, &ln, NULL);
	}
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return errors;
}

int
main(int argc, char **argv)
{
	struct assess_opts opt = { 0 };
	struct template_opts tpl = { "you", NULL, NULL, 3, 0, 0, NULL };
	int template = 0, csv = 0, c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "ur:p:s:t:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'u': opt.ungrouped = 1; break;
		case OPT_TEMPLATE: template = 1; break;
		case OPT_CSV: csv = 1; break;
		case 'r': tpl.role = csf_arg_list("--role", optarg); break;
		case 'p': tpl.persona = csf_arg_nonempty("--persona", optarg); break;
		case 's': tpl.subject = csf_arg_nonempty("--subject", optarg); break;
		case 't': tpl.target = (int)csf_arg_long("--target", optarg, 1, 4); break;
		case OPT_TASKS: tpl.tasks = 1; break;
		case OPT_FORMAT: tpl.csv = csf_arg_choice("--format", optarg, "ndjson|csv"); break;
		default:
			if (!mgmt_assess_option(c, optarg))   /* management model */
				csf_usage(&usage);
		}
	}

	if (mgmt_assess_template_wanted() && (!template || tpl.role || tpl.persona || optind < argc))
		csf_usage(&usage);
	csf_out_open();
	if (template && mgmt_assess_template_wanted()) {
		mgmt_template(tpl.subject, tpl.csv);   /* management questionnaire */
		return csf_out_close() ? 1 : 0;
	}
	if (template) {
		if (!tpl.role && !tpl.persona && optind == argc)
			csf_usage_error("--template needs --role, --persona or files of \"choice\" records");
		int status = run_template(&tpl, argc - optind, argv + optind);
		json_decref(tpl.chosen);
		if (status == 2)
			exit(2);
		return csf_out_close() || status ? 1 : 0;
	}

	tks = assess_new(&opt);
	/* --from-benchmark scores published rows; stdin is then not read. */
	int bench_only = mgmt_assess_start(opt.ungrouped) && argc == optind;
	int nfiles = argc - optind;
	char **files = argv + optind;
	char *stdin_only[] = { "-" };
	if (nfiles == 0) {
		nfiles = bench_only ? 0 : 1;
		files = stdin_only;
	}
	long errors = 0;
	for (int i = 0; i < nfiles; i++)
		errors += read_file(files[i], csv);
	assess_finish(tks);
	mgmt_assess_finish();
	return csf_out_close() || errors ? 1 : 0;
}
