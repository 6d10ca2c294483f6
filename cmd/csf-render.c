/* csf-render - turn any csf records into something people read or
 * spreadsheets open: an aligned table, Markdown, a JSON array, CSV/TSV,
 * an XLSX workbook, a self-contained HTML report or an SVG chart. The
 * backends live in lib/render_*.c; this file picks one and feeds it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csf.h"
#include "render/render_report.h"

static const char usage_en[] =
"usage: csf-render [-f FORMAT] [-t TYPES] [--kind KINDS] [-c COLUMNS] [-o FILE] [FILE...]\n"
"Render csf records as a report or a file spreadsheets open.\n"
"  -f, --format FORMAT  table, md, json, csv, tsv, xlsx, html, svg or pdf\n"
"                       (default: from the -o file's extension, else table)\n"
"  -t, --type TYPES     only records of these types (comma list)\n"
"      --kind KINDS     only records of these kinds (comma list: item, group...)\n"
"  -c, --columns LIST   columns to show, comma list of keys or dotted paths\n"
"                       (default: the columns of each kind of record)\n"
"      --raw            tabular formats: keys as headers, values as written,\n"
"                       one table per type with every key seen\n"
"      --bom            csv/tsv: start with a UTF-8 byte-order mark (Excel)\n"
"      --max-width N    table: cut cells wider than N columns (default 60, 0 never)\n"
"      --chart NAME     svg: radar, bars or heatmap (default: the first that fits)\n"
"      --subject ID     only this subject's records (and those without one)\n"
"      --title TEXT     html, pdf: the report's title\n"
"      --ids            html, pdf: IDs beside the names\n"
"      --summary        html, pdf: the organisation part only, no person pages\n"
"      --split DIR      html, pdf: one file per person in DIR, and index.html\n"
"  -o, --output FILE    write FILE atomically (xlsx and pdf need a file or a pipe);\n"
"                       with no records at all FILE is left alone (exit 1)\n"
"      --allow-empty    write the page for no records to FILE all the same\n"
"      --data DIR, --lang ja|en, --keep-going, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-render [-f FORMAT] [-t TYPES] [--kind KINDS] [-c COLUMNS] [-o FILE] [FILE...]\n"
"csf のレコードを、報告書または表計算ソフトで開けるファイルに描画する。\n"
"  -f, --format FORMAT  table, md, json, csv, tsv, xlsx, html, svg または pdf\n"
"                       （既定: -o のファイルの拡張子から、なければ table）\n"
"  -t, --type TYPES     これらの種類のレコードだけ（カンマ区切り）\n"
"      --kind KINDS     これらの kind のレコードだけ（カンマ区切り: item, group など）\n"
"  -c, --columns LIST   表示する列。キーまたはドット区切りのパスのカンマ区切り\n"
"                       （既定: レコードの kind ごとの列）\n"
"      --raw            表形式: 見出しはキー、値は書かれたまま、種類ごとに全キーの表\n"
"      --bom            csv/tsv: UTF-8 のバイト順マークで始める（Excel 向け）\n"
"      --max-width N    table: 幅が N 桁を超えるセルを切り詰める（既定 60、0 で切らない）\n"
"      --chart NAME     svg: radar, bars または heatmap（既定: 最初に合うもの）\n"
"      --subject ID     この対象者のレコード（と対象者を持たないもの）だけ\n"
"      --title TEXT     html, pdf: 報告書の表題\n"
"      --ids            html, pdf: 名称の横に ID も示す\n"
"      --summary        html, pdf: 組織の部分だけ（個人のページなし）\n"
"      --split DIR      html, pdf: 一人一ファイルを DIR に書き、index.html を添える\n"
"  -o, --output FILE    FILE へ原子的に書き出す（xlsx と pdf にはファイルかパイプが必要）。\n"
"                       レコードが 1 件もなければ FILE には触れない（終了状態 1）\n"
"      --allow-empty    レコードがなくても空の報告書を FILE に書く\n"
"      --data DIR, --lang ja|en, --keep-going, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

enum { OPT_BOM = CSF_OPT_FIRST_FREE, OPT_MAX_WIDTH, OPT_CHART, OPT_SUBJECT, OPT_TITLE, OPT_KIND,
	OPT_RAW, OPT_IDS, OPT_SUMMARY, OPT_SPLIT, OPT_ALLOW_EMPTY };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "type", required_argument, NULL, 't' },
	{ "columns", required_argument, NULL, 'c' },
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "max-width", required_argument, NULL, OPT_MAX_WIDTH },
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "subject", required_argument, NULL, OPT_SUBJECT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "ids", no_argument, NULL, OPT_IDS },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY },
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

enum format { F_TABLE, F_MD, F_JSON, F_CSV, F_TSV, F_XLSX, F_HTML, F_SVG, F_PDF, F_NONE };
static const char *const format_names[] = { "table", "md", "json", "csv", "tsv", "xlsx", "html", "svg", "pdf" };

static enum format
format_named(const char *name)
{
	for (int i = 0; i < F_NONE; i++)
		if (!strcmp(name, format_names[i]))
			return (enum format)i;
	if (!strcmp(name, "markdown"))
		return F_MD;
	if (!strcmp(name, "htm"))
		return F_HTML;
	if (!strcmp(name, "txt") || !strcmp(name, "text"))
		return F_TABLE;
	return F_NONE;
}

/* The format an output file's name asks for ("report.html"), F_NONE if none. */
static enum format
format_of_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return F_NONE;
	char ext[8];
	size_t n = strlen(dot + 1);
	if (n == 0 || n >= sizeof ext)
		return F_NONE;
	for (size_t i = 0; i <= n; i++)
		ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
	return format_named(ext);
}

/* --subject: keep records of that subject and records without one. */
static int
subject_ok(const json_t *rec, const char *subject)
{
	const json_t *s = json_object_get(rec, "subject");
	return !subject || !s || (json_is_string(s) && !strcmp(json_string_value(s), subject));
}

static void progress(size_t n, int done);

/* The next record of the types, kinds and subject asked for, parsed (a
 * reference the caller takes), or NULL at the end; *n counts every line. */
static json_t *
next_drawn(csf_input *in, csf_line *ln, const char *types, const char *kinds, const char *subject, size_t *n)
{
	while (csf_input_next(in, ln)) {
		progress(++*n, 0);
		if (types && !csf_in_list(types, ln->type))
			continue;
		json_t *rec = csf_line_parse(ln);
		const char *kind = csf_str(rec, "kind");
		if (subject_ok(rec, subject) && (!kinds || csf_in_list(kinds, kind ? kind : "")))
			return rec;
		json_decref(rec);
	}
	return NULL;
}

/* --columns with json: each record as an object of just those paths. */
static void
json_projected(json_t *rec, const json_t *columns)
{
	json_t *out = json_object();
	size_t i;
	json_t *c;
	json_array_foreach(columns, i, c) {
		json_t *v = csf_path_get(rec, json_string_value(c));
		json_object_set(out, json_string_value(c), v ? v : json_null());
	}
	char *text = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	csf_json_record(csf_out, text, strlen(text));
	free(text);
	json_decref(out);
}

/* html reads its records twice, both times through the same filters,
 * each record read flat (no tree: most are a person's). */
struct html_source {
	csf_input *in;
	const char *types, *kinds, *subject;
	size_t *counted;     /* records read, the first time */
};


/* A string field's text in a buffer of its own size (NULL if not a string). */
static const char *
field_text(const csf_field *f, char **buf)
{
	if (!f->val || f->val[0] != '"')
		return NULL;
	*buf = xrealloc(*buf, f->len + 1);
	return csf_field_str(f, *buf, f->len + 1) < 0 ? NULL : *buf;
}

/* --subject and --kind on a record: read flat (r), else off its line. */
static int
html_keeps(const struct html_source *src, const csf_line *ln, const csf_flat *r)
{
	if (!src->subject && !src->kinds)
		return 1;
	csf_field f[2] = { { "subject", NULL, 0 }, { "kind", NULL, 0 } };
	char *sbuf = NULL, *kbuf = NULL;
	const char *subject, *kind;
	int has_subject;
	if (r) {
		subject = csf_flat_str(r, "subject");
		kind = csf_flat_str(r, "kind");
		has_subject = csf_flat_has(r, "subject");
	} else {
		csf_line_fields(ln, f, 2);
		subject = field_text(&f[0], &sbuf);
		kind = field_text(&f[1], &kbuf);
		has_subject = f[0].val != NULL;
	}
	int keep = !(src->subject && has_subject && (!subject || strcmp(subject, src->subject))) &&
	    !(src->kinds && !csf_in_list(src->kinds, kind ? kind : ""));
	free(sbuf);
	free(kbuf);
	return keep;
}

/* The next record through the filters; read flat when rec is not NULL
 * (the second pass; the first reads what it needs off the line). */
static int
html_next(void *ctx, csf_line *ln, csf_flat **rec)
{
	struct html_source *src = ctx;
	while (csf_input_next(src->in, ln)) {
		if (src->counted)
			progress(++*src->counted, 0);
		csf_flat *r = NULL;
		if (!ln->type) {
			/* Read again without a scan: the type from the record. */
			r = csf_flat_new(ln->text, ln->len);
			const char *type = csf_flat_str(r, "type");
			ln->type = type ? type : "";
		}
		if (src->types && !csf_in_list(src->types, ln->type)) {
			csf_flat_free(r);
			continue;
		}
		if (rec && !r)
			r = csf_flat_new(ln->text, ln->len);
		if (!html_keeps(src, ln, r)) {
			csf_flat_free(r);
			continue;
		}
		if (rec)
			*rec = r;
		return 1;
	}
	return 0;
}

static void
html_rewind(void *ctx, int trusted)
{
	csf_input_rewind(((struct html_source *)ctx)->in, trusted);
}

/* Progress on stderr, when it is a terminal, for long runs. */
static void
progress(size_t n, int done)
{
	static int tty = -1;
	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	if (!tty || (!done && n % 100000 != 0) || n < 100000)
		return;
	fputc('\r', stderr);
	fprintf(stderr, csf_tr("csf-render: %zu records"), n);
	if (done)
		fputc('\n', stderr);
}

int
main(int argc, char **argv)
{
	const char *types = NULL, *columns_arg = NULL, *kinds = NULL, *split = NULL;
	enum format fmt = F_NONE;
	struct csf_render_opts o = { .max_width = 60 };
	int raw = 0, allow_empty = 0;
	int c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "f:t:c:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'f':
			if ((fmt = format_named(optarg)) == F_NONE)
				csf_usage_error("invalid value '%s' for --format (expected table, md, json, csv, tsv, xlsx, html, svg or pdf)", optarg);
			break;
		case 't': types = csf_arg_list("--type", optarg); break;
		case 'c': columns_arg = optarg; break;
		case OPT_BOM: o.bom = 1; break;
		case OPT_MAX_WIDTH: o.max_width = (size_t)csf_arg_long("--max-width", optarg, 0, 100000); break;
		case OPT_CHART: csf_arg_choice("--chart", optarg, "radar|bars|heatmap"); o.chart = optarg; break;
		case OPT_SUBJECT: o.subject = csf_arg_nonempty("--subject", optarg); break;
		case OPT_TITLE: o.title = optarg; break;
		case OPT_KIND: kinds = csf_arg_list("--kind", optarg); break;
		case OPT_RAW: raw = 1; break;
		case OPT_IDS: o.ids = 1; break;
		case OPT_SUMMARY: o.summary = 1; break;
		case OPT_SPLIT: split = csf_arg_nonempty("--split", optarg); break;
		case OPT_ALLOW_EMPTY: allow_empty = 1; break;
		default: csf_usage(&usage);
		}
	}
	if (fmt == F_NONE && csf_opt.output && strcmp(csf_opt.output, "-")) {
		fmt = format_of_path(csf_opt.output);
		if (fmt == F_NONE && strrchr(csf_opt.output, '.') && !strchr(strrchr(csf_opt.output, '.'), '/')) {
			/* A text table under the name x.docx would be a lie. */
			csf_usage_error("-o %s: no format has that extension; choose one with --format", csf_opt.output);
		}
	}
	if (fmt == F_NONE)
		fmt = split ? F_HTML : F_TABLE;
	json_t *columns = NULL;
	if (columns_arg && !(columns = csf_parse_columns(columns_arg)))
		csf_usage(&usage);
	int to_stdout = !csf_opt.output || !strcmp(csf_opt.output, "-");
	if ((fmt == F_XLSX || fmt == F_PDF) && to_stdout && isatty(STDOUT_FILENO)) {
		csf_warn("%s is binary: write it with -o FILE or into a pipe, not to a terminal", format_names[fmt]);
		exit(2);
	}
	if (split && fmt != F_HTML && fmt != F_PDF)
		csf_usage_error("--split: writes html or pdf files, not %s", format_names[fmt]);
	/* Only these two formats open their libraries, before any input. */
	if (fmt == F_PDF)
		csf_pdf_load();
	else if (fmt == F_XLSX)
		csf_xlsx_load();

	csf_input *in = csf_input_open(argc - optind, argv + optind);
	csf_line ln;
	int status = 0;
	size_t n = 0;

	if (split) {
		status = csf_render_split(in, split, fmt == F_PDF, types, kinds, &o);
		json_decref(columns);
		long errors = csf_input_errors(in);
		csf_input_close(in);
		return status || errors ? 1 : 0;
	}
	csf_out_open();
	/* Reports are written in many small pieces: a large buffer makes them
	 * few writes. It must be given: glibc takes the size of a NULL
	 * buffer as a hint and allocates the file's block size (4096), so
	 * each person's 20-40 KB section went out as two writes. */
	static char out_buffer[1 << 18];
	setvbuf(csf_out, out_buffer, _IOFBF, sizeof out_buffer);
	if (fmt == F_JSON) {
		/* Streams: nothing is held. */
		csf_json_begin(csf_out);
		while (csf_input_next(in, &ln)) {
			n++;
			if (types && !csf_in_list(types, ln.type))
				continue;
			if (!columns && !o.subject && !kinds) {
				csf_json_record(csf_out, ln.text, ln.len);
				continue;
			}
			json_t *rec = csf_line_parse(&ln);
			const char *kind = csf_str(rec, "kind");
			if (subject_ok(rec, o.subject) && (!kinds || csf_in_list(kinds, kind ? kind : ""))) {
				if (columns)
					json_projected(rec, columns);
				else
					csf_json_record(csf_out, ln.text, ln.len);
			}
			json_decref(rec);
		}
		csf_json_end(csf_out);
	} else if (fmt == F_HTML) {
		/* Read twice: again from the files when they can be, else from a
		 * spool of the records kept. */
		struct html_source src = { in, types, kinds, o.subject, &n };
		csf_input_note_members(in);   /* the first pass reads a few fields of every line */
		FILE *spool = NULL;
		if (!csf_input_can_rewind(in) && !(spool = tmpfile()))
			csf_die(1, "temporary file: %s", csf_strerror(errno));
		csf_html_stream *hs = csf_html_stream_new();
		while (html_next(&src, &ln, NULL)) {
			if (spool) {
				fwrite(ln.text, 1, ln.len, spool);
				putc('\n', spool);
			}
			csf_html_stream_add(hs, &ln);
		}
		progress(n, 1);
		src.counted = NULL;
		if (spool) {
			if (fflush(spool) || ferror(spool))
				csf_die(1, "temporary file: %s", csf_strerror(errno));
			src.in = csf_input_of_stream(spool, "<spool>");
		}
		struct csf_replay again = { html_next, html_rewind, &src };
		status |= csf_html_stream_end(hs, csf_out, &o, &again);
		if (spool) {
			csf_input_close(src.in);
			fclose(spool);
		}
	} else if (fmt == F_SVG) {
		/* svg keeps the records it may draw, and spools what grows
		 * with people (profiles, summaries) until the end. */
		csf_svg_stream *ss = csf_svg_stream_new(o.subject);
		json_t *rec;
		while ((rec = next_drawn(in, &ln, types, kinds, o.subject, &n)))
			csf_svg_stream_add(ss, ln.type, rec, ln.text, ln.len);
		progress(n, 1);
		status |= csf_svg_stream_end(ss, csf_out, &o);
	} else if (fmt == F_PDF) {
		/* pdf holds the records it draws. */
		csf_doc *d = csf_doc_new();
		json_t *rec;
		while ((rec = next_drawn(in, &ln, types, kinds, o.subject, &n)))
			csf_doc_add(d, ln.type, rec);
		progress(n, 1);
		csf_doc_columns(d, columns);
		status |= csf_render_pdf(d, csf_out, &o);
		csf_doc_free(d);
	} else {
		/* The tabular formats: sections spooled, then written. */
		struct csf_tab_opts to = { .raw = raw, .columns = columns, .kinds = kinds,
			.widths = fmt == F_TABLE || fmt == F_XLSX, .max_width = fmt == F_TABLE ? o.max_width : 0 };
		csf_tab *t = csf_tab_new(&to);
		while (csf_input_next(in, &ln)) {
			progress(++n, 0);
			if (types && !csf_in_list(types, ln.type))
				continue;
			json_t *rec = csf_line_parse(&ln);
			if (subject_ok(rec, o.subject))
				csf_tab_add(t, ln.type, rec, ln.text, ln.len);
			json_decref(rec);
		}
		progress(n, 1);
		switch (fmt) {
		case F_TABLE: status |= csf_render_table(t, csf_out, &o); break;
		case F_MD: status |= csf_render_md(t, csf_out, &o); break;
		case F_CSV: status |= csf_render_csv(t, csf_out, ',', &o); break;
		case F_TSV: status |= csf_render_csv(t, csf_out, '\t', &o); break;
		case F_XLSX: status |= csf_render_xlsx(t, csf_out); break;
		default: break;
		}
		csf_tab_free(t);
	}
	json_decref(columns);
	long errors = csf_input_errors(in);
	csf_input_close(in);
	if (status) {
		/* A failed backend must not leave a half-written -o file. */
		exit(1);
	}
	if (n == 0 && !allow_empty && !to_stdout) {
		/* An earlier stage failed (a misspelt file name): keep the last
		 * good report rather than replace it with an empty one. */
		csf_warn("no records to render: %s not written (--allow-empty writes the empty page)", csf_opt.output);
		exit(1);
	}
	status = csf_out_close() || errors ? 1 : 0;
	return status;
}
