/* csf-map-nice - the framework's crosswalk to the NICE Framework (and to
 * ITSS+, SecBoK, the 人材定義リファレンス, CSIJ, NICE 1.0 and NIST CSF):
 * annotate records, look mappings up in reverse, list a NICE work role,
 * measure coverage of NICE work roles, and diff two NICE releases. The
 * crosswalk logic is in lib/nice/nicemap.c; NIST's file is read by lib/nice/nice.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/jobs.h"
#include "nice/nicemap.h"

static const char usage_en[] =
"usage: csf-map-nice [--nice FILE] [--to TARGETS] [-o FILE] [FILE...]\n"
"       csf-map-nice [--nice FILE] --reverse [--to TARGET] [KEY...]\n"
"       csf-map-nice [--nice FILE] --work-role ID [--work-role ID...]\n"
"       csf-map-nice [--nice FILE] --coverage [-j N] [--by FIELD [-u]] [--role ID...] [FILE...]\n"
"       csf-map-nice [--nice FILE] --coverage --partial [--shard N] [...] [FILE...]\n"
"       csf-map-nice [--nice FILE] --merge [FILE...]\n"
"       csf-map-nice --diff OLD NEW\n"
"Map the framework's roles and T/K/S items to NICE v2.1.0 and other frameworks.\n"
"  -n, --nice FILE      NIST's NICE components JSON (any published version):\n"
"                       adds NIST's titles and texts; default: $CSF_NICE, else\n"
"                       the facts in share/csf\n"
"                       (what is read from it is cached in $XDG_CACHE_HOME/csf;\n"
"                       CSF_NICE_CACHE=off turns that off)\n"
"  -t, --to TARGETS     comma list of nice (default), itss, secbok, jinzai, csij\n"
"                       (for roles and items) and nice1, csf (for functions)\n"
"  -r, --reverse        KEYs (or records' IDs) of one target -> our roles/items/functions\n"
"  -w, --work-role ID   list a NICE work role's tasks, knowledge and skills\n"
"  -c, --coverage       share of each NICE work role's tasks and knowledge/skills\n"
"                       the input's items cover, per work role and per category\n"
"  -b, --by FIELD       with --coverage: one result per value of FIELD (e.g. subject)\n"
"  -u, --ungrouped      with --by subject: input is not grouped by subject: hold\n"
"                       every subject to the end\n"
"      --role ID        with --coverage: the coverage of role ID's items\n"
"  -j, --jobs N         with --coverage: read FILEs in N processes (0: one per\n"
"                       core); the output is what one process writes\n"
"      --partial        with --coverage: write only each group's covered NICE IDs\n"
"                       (nice_coverage_partial), for --merge\n"
"      --shard N        with --partial: this shard's place in the input (1, 2, ...;\n"
"                       GNU parallel's {#}), so that the merge keeps one run's order\n"
"      --merge          add up nice_coverage_partial records into the coverage\n"
"                       records one run over all the input writes\n"
"      --diff OLD NEW   NICE elements added, removed and changed between two files\n"
"      --keep-going     report bad records and go on (exit 1 at the end)\n"
"  -o, --output FILE    write FILE atomically instead of stdout\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-map-nice [--nice FILE] [--to TARGETS] [-o FILE] [FILE...]\n"
"       csf-map-nice [--nice FILE] --reverse [--to TARGET] [KEY...]\n"
"       csf-map-nice [--nice FILE] --work-role ID [--work-role ID...]\n"
"       csf-map-nice [--nice FILE] --coverage [-j N] [--by FIELD [-u]] [--role ID...] [FILE...]\n"
"       csf-map-nice [--nice FILE] --coverage --partial [--shard N] [...] [FILE...]\n"
"       csf-map-nice [--nice FILE] --merge [FILE...]\n"
"       csf-map-nice --diff OLD NEW\n"
"フレームワークの役割と T/K/S 項目を、NICE v2.1.0 や他のフレームワークに対応付ける。\n"
"  -n, --nice FILE      NIST の NICE components JSON（公開されたどの版でも）:\n"
"                       NIST の名称と本文を加える。既定: $CSF_NICE、なければ\n"
"                       share/csf の事実データ\n"
"                       （読み取った内容は $XDG_CACHE_HOME/csf にキャッシュする。\n"
"                       CSF_NICE_CACHE=off で無効）\n"
"  -t, --to TARGETS     nice（既定）、itss、secbok、jinzai、csij（役割と項目向け）と\n"
"                       nice1、csf（機能向け）のカンマ区切り\n"
"  -r, --reverse        一つの対応先のキー（またはレコードの ID）→ 当方の役割・項目・機能\n"
"  -w, --work-role ID   NICE のワークロールのタスク・知識・スキルを並べる\n"
"  -c, --coverage       入力の項目が NICE の各ワークロールのタスクと知識・スキルを\n"
"                       どれだけ網羅するか（ワークロールごと、カテゴリごと）\n"
"  -b, --by FIELD       --coverage と共に: FIELD の値ごとに結果を 1 つ（例: subject）\n"
"  -u, --ungrouped      --by subject と共に: 入力が対象者ごとにまとまっていない:\n"
"                       全対象者を最後まで保持する\n"
"      --role ID        --coverage と共に: 役割 ID の項目の網羅率\n"
"  -j, --jobs N         --coverage と共に: FILE を N 個のプロセスで読む（0 でコアごとに\n"
"                       1 つ）。出力は 1 プロセスのときと同じ\n"
"      --partial        --coverage と共に: グループごとに網羅した NICE ID だけを\n"
"                       出力する（nice_coverage_partial。--merge で合算する）\n"
"      --shard N        --partial と共に: 入力の中でのこの分割の順番（1, 2, ...。\n"
"                       GNU parallel の {#}）。合算しても 1 回の実行と同じ順に並ぶ\n"
"      --merge          nice_coverage_partial を合算し、入力全体を 1 回で処理した\n"
"                       ときと同じ網羅率のレコードを出力する\n"
"      --diff OLD NEW   2 つのファイルの間で追加・削除・変更された NICE の要素\n"
"      --keep-going     不正なレコードを報告して続ける（最後に終了コード 1）\n"
"  -o, --output FILE    標準出力の代わりに FILE へ原子的に書き出す\n"
"      --data DIR, --lang ja|en, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

enum { OPT_ROLE = CSF_OPT_FIRST_FREE, OPT_DIFF, OPT_PARTIAL, OPT_SHARD, OPT_MERGE };

static const struct option longopts[] = {
	{ "nice", required_argument, NULL, 'n' },
	{ "to", required_argument, NULL, 't' },
	{ "reverse", no_argument, NULL, 'r' },
	{ "work-role", required_argument, NULL, 'w' },
	{ "coverage", no_argument, NULL, 'c' },
	{ "by", required_argument, NULL, 'b' },
	{ "ungrouped", no_argument, NULL, 'u' },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "diff", required_argument, NULL, OPT_DIFF },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "jobs", required_argument, NULL, 'j' },
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* A record's type; an escaped "type" value needs the parsed object. */
static const char *
record_type(const csf_line *ln, json_t **obj)
{
	if (strcmp(ln->type, "\\"))
		return ln->type;
	if (!*obj)
		*obj = csf_line_parse(ln);
	const char *t = csf_str(*obj, "type");
	return t ? t : "";
}

static int
reads_stdin(int argc, char **argv)
{
	if (argc == 0)
		return 1;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-") == 0)
			return 1;
	return 0;
}

/* Stop at the first bad argument unless --keep-going. */
static void
bad_arg(int *errors, const char *msg)
{
	csf_warn("%s", msg);
	(*errors)++;
	if (!csf_opt.keep_going)
		exit(1);
}

/* The map and NIST's file stay until the process ends, reachable, as
 * share/csf's records do (lib/core/data.c): freeing them at exit cost more
 * instructions than a look-up, and leak checkers count them as still
 * reachable, not lost. */
static nicemap *m;
static nice_db *db;

/* What the record loop reads (the options), shared with -j's workers. */
static struct {
	int reverse, coverage, merge, partial;
	unsigned targets;
	nicecov *cov;
} rd;

/* The records of one input, which it closes: the bad ones reported. */
static long
read_records(csf_input *in)
{
	char err[512];
	csf_line ln;
	if (!rd.reverse)
		csf_input_note_members(in);   /* partials, scores, annotated records read from the line */
	while (csf_input_next_unchecked(in, &ln)) {
		/* a shard's partial as it wrote it: read in one pass */
		if ((rd.merge && nicecov_merge_exact(rd.cov, &ln)) || !csf_input_check(in, &ln))
			continue;
		json_t *obj = NULL;
		const char *type = record_type(&ln, &obj);
		int rc = 0;
		if (rd.reverse) {
			const char *key;
			if (!obj)
				obj = csf_line_parse(&ln);
			if ((key = nicemap_reverse_key(obj, type, rd.targets))) {
				json_t *rec = nicemap_reverse(m, key, rd.targets, err, sizeof err);
				if (rec)
					csf_emit_new(rec);
				rc = rec ? 1 : -1;
			}
		} else if (rd.merge) {
			if (!strcmp(type, "nice_coverage_partial")) {
				if (!obj && nicecov_merge_fast(rd.cov, &ln))
					rc = 1;
				else {
					if (!obj)
						obj = csf_line_parse(&ln);
					rc = nicecov_merge(rd.cov, in, &ln, obj);
				}
			}
		} else if (nicemap_owns(type)) {
			const char *map;
			size_t len;
			/* The usual records are mapped and counted from their line alone. */
			int counted;
			if (rd.coverage)
				rc = !obj && nicecov_add_line(rd.cov, in, &ln, type, &counted) ? counted : NICEMAP_PARSE;
			else
				rc = obj ? NICEMAP_PARSE : nicemap_annotate_line(m, &ln, type,
				    rd.targets, &map, &len, err, sizeof err);
			if (rc == NICEMAP_PARSE) {
				if (!obj)
					obj = csf_line_parse(&ln);
				rc = rd.coverage ? nicecov_add(rd.cov, in, &ln, obj, type, err, sizeof err)
				    : nicemap_annotate(m, obj, type, rd.targets, &map, &len, err, sizeof err);
			}
			if (rc > 0 && !rd.coverage) {
				/* The record's own bytes, plus the map. */
				if (!obj || !json_object_get(obj, "map")) {
					csf_pass_add(&ln, "map", map, len);
				} else {
					json_object_set_new(obj, "map", json_loadb(map, len, 0, NULL));
					csf_emit(obj);
				}
			}
		}
		if (rc < 0)
			csf_input_bad(in, &ln, "%s", err);
		/* Not ours, or reported: never dropped, but a shard
		 * (--partial) writes its partials only. */
		if (rc <= 0 && !rd.partial)
			csf_pass(&ln);
		json_decref(obj);
	}
	long errors = csf_input_errors(in);
	csf_input_close(in);
	return errors;
}

/* -j: the input read in pieces (core/jobs.h), the coverage's state joined. */
static long
jobs_read(void *ctx, csf_input *in)
{
	(void)ctx;
	return read_records(in);
}

static void
jobs_begin(void *ctx, FILE *state, const char *file, long line)
{
	(void)ctx;
	(void)file;
	(void)line;
	nicecov_shard_begin(rd.cov, state);
}

static int
jobs_end(void *ctx)
{
	(void)ctx;
	nicecov_finish(rd.cov);
	return 1;
}

static int
jobs_turn_end(void *ctx)
{
	(void)ctx;
	return nicecov_turn_end(rd.cov);
}

static int
jobs_join(void *ctx, FILE *state, struct csf_joining *out)
{
	(void)ctx;
	return nicecov_shard_join(rd.cov, state, out);
}

int
main(int argc, char **argv)
{
	const char *nice_path = NULL, *to = NULL, *by = NULL, *diff_old = NULL;
	const char **work_roles = NULL, **roles = NULL;
	int reverse = 0, coverage = 0, ungrouped = 0, nwr = 0, nroles = 0, c, errors = 0;
	int partial = 0, merge = 0, jobs = 1, jobs_given = 0;
	long shard = -1;
	unsigned targets;
	char err[512];

	csf_init(argc, argv);
	work_roles = xcalloc((size_t)argc + 1, sizeof *work_roles);
	roles = xcalloc((size_t)argc + 1, sizeof *roles);
	while ((c = getopt_long(argc, argv, "n:t:rw:cb:uj:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'n': nice_path = csf_arg_nonempty("--nice", optarg); break;
		case 't': to = csf_arg_list("--to", optarg); break;
		case 'r': reverse = 1; break;
		case 'w': work_roles[nwr++] = csf_arg_nonempty("--work-role", optarg); break;
		case 'c': coverage = 1; break;
		case 'b': by = csf_arg_field("--by", optarg); break;
		case 'u': ungrouped = 1; break;
		case OPT_ROLE: roles[nroles++] = csf_arg_nonempty("--role", optarg); break;
		case OPT_DIFF: diff_old = csf_arg_nonempty("--diff", optarg); break;
		case OPT_PARTIAL: partial = 1; break;
		case OPT_SHARD: shard = csf_arg_long("--shard", optarg, 0, NICECOV_SHARD_MAX); break;
		case OPT_MERGE: merge = 1; break;
		case 'j':
			jobs_given = 1;
			jobs = (int)csf_arg_long("--jobs", optarg, 0, 64);
			if (jobs == 0)
				jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
			break;
		default: csf_usage(&usage);
		}
	}
	argc -= optind;
	argv += optind;

	/* One mode at a time, and only the options that mode reads. */
	if (reverse + coverage + (nwr > 0) + (diff_old != NULL) + merge > 1)
		csf_usage_error("--reverse, --coverage, --work-role, --merge and --diff exclude each other");
	if (partial && !coverage)
		csf_usage_error("--partial goes with --coverage");
	if (shard >= 0 && !partial)
		csf_usage_error("--shard goes with --partial");
	if ((by || nroles || jobs_given) && !coverage)
		csf_usage_error("--by, --role and --jobs go with --coverage");
	if (ungrouped && !by)
		csf_usage_error("--ungrouped goes with --coverage --by");
	if (to && (nwr || coverage || diff_old || merge))
		csf_usage_error("--to goes with annotating or --reverse only");
	if (nwr && argc)
		csf_usage_error("--work-role reads no files, not '%s'", argv[0]);
	if (diff_old && (argc != 1 || nice_path))
		csf_usage_error("--diff takes two files, OLD and NEW, and no --nice");
	/* Where NIST's file lives on this machine, once for every run. */
	if (!nice_path && !diff_old && getenv("CSF_NICE") && *getenv("CSF_NICE"))
		nice_path = getenv("CSF_NICE");
	targets = nicemap_targets(to ? to : "nice");
	if (!targets) {
		csf_warn("--to: unknown target in '%s' (nice, itss, secbok, jinzai, csij, nice1, csf)", to);
		exit(2);
	}
	if (reverse && (targets & (targets - 1))) {
		csf_warn("--reverse: give one --to target, not '%s'", to);
		exit(2);
	}
	if (nice_path && strcmp(nice_path, "-") == 0 && !nwr &&
	    !(reverse && argc) && !(coverage && nroles && !argc) && reads_stdin(argc, argv)) {
		csf_warn("--nice -: standard input is already the record stream");
		exit(2);
	}

	if (diff_old) {
		free(work_roles);
		free(roles);
		nice_db *old = nice_load(diff_old, stderr), *new_ = old ? nice_load(argv[0], stderr) : NULL;
		if (!new_) {
			nice_free(old);
			return 1;
		}
		csf_out_open();
		nice_diff(old, new_);
		nice_free(old);
		nice_free(new_);
		return csf_out_close();
	}

	if (nice_path && !(db = nice_load(nice_path, stderr))) {
		free(work_roles);
		free(roles);
		return 1;
	}
	m = nicemap_new(db);
	csf_out_open();

	if (nwr) {
		for (int i = 0; i < nwr; i++)
			if (nicemap_work_role(m, work_roles[i], err, sizeof err) < 0)
				bad_arg(&errors, err);
	} else if (reverse && argc) {
		for (int i = 0; i < argc; i++) {
			json_t *rec = nicemap_reverse(m, argv[i], targets, err, sizeof err);
			if (rec)
				csf_emit_new(rec);
			else
				bad_arg(&errors, err);
		}
	} else {
		struct nicecov_opts o = { by, ungrouped, partial, shard > 0 ? shard : 0, merge };
		nicecov *cov = coverage || merge ? nicecov_new(m, &o) : NULL;
		for (int i = 0; i < nroles; i++)
			if (nicecov_add_role(cov, roles[i], err, sizeof err) < 0)
				bad_arg(&errors, err);
		/* --role alone asks about those roles; it reads no input. */
		if (!(coverage && nroles && argc == 0)) {
			long bad = -1;
			rd.reverse = reverse;
			rd.coverage = coverage;
			rd.merge = merge;
			rd.partial = partial;
			rd.targets = targets;
			rd.cov = cov;
			if (jobs > 1 && argc > 0) {
				/* Grouped by subject, a piece begins at a subject's
				 * profile (csf-assess writes it first); held groups
				 * may begin at any record. */
				int streamed = by && !strcmp(by, "subject") && !ungrouped;
				struct csf_jobs j = {
					.jobs = jobs,
					.recstart = streamed ? "{\"type\":\"profile\"" : "",
					/* the first piece's process also copies the
					 * others' output; in turns, all alike */
					.first_extra = streamed && !partial ? 0 : streamed ? 0.2 : 0.1,
					.out_ratio = streamed ? 6 : 1,
					.read = jobs_read,
					.begin = jobs_begin,
					.end = jobs_end,
					.join = jobs_join,
					/* Every subject's record written: in turns,
					 * so that a worker's output waits in a small
					 * buffer. */
					.turn_end = streamed && !partial ? jobs_turn_end : NULL,
				};
				bad = csf_jobs_run(&j, argc, argv);
			}
			if (bad < 0)
				bad = read_records(csf_input_open(argc, argv));
			errors += (int)bad;
		}
		if (cov)
			nicecov_finish(cov);
	}
	free(work_roles);
	free(roles);
	return csf_out_close() || errors ? 1 : 0;
}
