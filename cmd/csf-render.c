/* csf-render - turn any csf records into something people read or
 * spreadsheets open: an aligned table, Markdown, a JSON array, CSV/TSV,
 * an XLSX workbook, a self-contained HTML report or an SVG chart. The
 * backends live in lib/render_*.c; this file picks one and feeds it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csf.h"
#include "render/render.h"

static const char usage_en[] =
"usage: csf-render [-f FORMAT] [-t TYPES] [-c COLUMNS] [--bom] [-o FILE] [FILE...]\n"
"Render csf records as a report or a file spreadsheets open.\n"
"  -f, --format FORMAT  table, md, json, csv, tsv, xlsx, html or svg (default:\n"
"                       from the -o file's extension, else table)\n"
"  -t, --type TYPES     only records of these types (comma list; csv/tsv: one,\n"
"                       default the first record's type)\n"
"  -c, --columns LIST   columns to show, comma list of keys or dotted paths\n"
"                       (a.b for nested objects; default: every key seen)\n"
"      --bom            csv/tsv: start with a UTF-8 byte-order mark (Excel)\n"
"      --max-width N    table: cut cells wider than N columns (default 60, 0 never)\n"
"      --chart NAME     svg: radar, bars or heatmap (default: the first that fits)\n"
"      --subject ID     only this subject's records (and those without one)\n"
"      --title TEXT     html: the report's title\n"
"  -o, --output FILE    write FILE atomically (xlsx needs a file or a pipe)\n"
"      --data DIR, --lang ja|en, --keep-going, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-render [-f FORMAT] [-t TYPES] [-c COLUMNS] [--bom] [-o FILE] [FILE...]\n"
"csf のレコードを、報告書または表計算ソフトで開けるファイルに描画する。\n"
"  -f, --format FORMAT  table, md, json, csv, tsv, xlsx, html または svg（既定:\n"
"                       -o のファイルの拡張子から、なければ table）\n"
"  -t, --type TYPES     これらの種類のレコードだけ（カンマ区切り。csv/tsv は 1 つで、\n"
"                       既定は最初のレコードの種類）\n"
"  -c, --columns LIST   表示する列。キーまたはドット区切りのパスのカンマ区切り\n"
"                       （入れ子のオブジェクトは a.b。既定: 現れたすべてのキー）\n"
"      --bom            csv/tsv: UTF-8 のバイト順マークで始める（Excel 向け）\n"
"      --max-width N    table: 幅が N 桁を超えるセルを切り詰める（既定 60、0 で切らない）\n"
"      --chart NAME     svg: radar, bars または heatmap（既定: 最初に合うもの）\n"
"      --subject ID     この対象者のレコード（と対象者を持たないもの）だけ\n"
"      --title TEXT     html: 報告書の表題\n"
"  -o, --output FILE    FILE へ原子的に書き出す（xlsx にはファイルかパイプが必要）\n"
"      --data DIR, --lang ja|en, --keep-going, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

enum { OPT_BOM = CSF_OPT_FIRST_FREE, OPT_MAX_WIDTH, OPT_CHART, OPT_SUBJECT, OPT_TITLE };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "type", required_argument, NULL, 't' },
	{ "columns", required_argument, NULL, 'c' },
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "max-width", required_argument, NULL, OPT_MAX_WIDTH },
	{ "chart", required_argument, NULL, OPT_CHART },
	{ "subject", required_argument, NULL, OPT_SUBJECT },
	{ "title", required_argument, NULL, OPT_TITLE },
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

enum format { F_TABLE, F_MD, F_JSON, F_CSV, F_TSV, F_XLSX, F_HTML, F_SVG, F_NONE };
static const char *const format_names[] = { "table", "md", "json", "csv", "tsv", "xlsx", "html", "svg" };

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
	if (!strcmp(name, "txt"))
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

int
main(int argc, char **argv)
{
	const char *types = NULL, *columns_arg = NULL;
	enum format fmt = F_NONE;
	struct csf_render_opts o = { .max_width = 60 };
	int c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "f:t:c:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'f':
			if ((fmt = format_named(optarg)) == F_NONE)
				csf_usage_error("invalid value '%s' for --format (expected table, md, json, csv, tsv, xlsx, html or svg)", optarg);
			break;
		case 't': types = csf_arg_list("--type", optarg); break;
		case 'c': columns_arg = optarg; break;
		case OPT_BOM: o.bom = 1; break;
		case OPT_MAX_WIDTH: o.max_width = (size_t)csf_arg_long("--max-width", optarg, 0, 100000); break;
		case OPT_CHART: csf_arg_choice("--chart", optarg, "radar|bars|heatmap"); o.chart = optarg; break;
		case OPT_SUBJECT: o.subject = csf_arg_nonempty("--subject", optarg); break;
		case OPT_TITLE: o.title = optarg; break;
		default: csf_usage(&usage);
		}
	}
	if (fmt == F_NONE)
		fmt = format_of_path(csf_opt.output);
	if (fmt == F_NONE)
		fmt = F_TABLE;
	json_t *columns = NULL;
	if (columns_arg && !(columns = csf_parse_columns(columns_arg)))
		csf_usage(&usage);
	int tabular = fmt == F_CSV || fmt == F_TSV;
	if (tabular && types && strchr(types, ','))
		csf_usage_error("--type: %s takes records of one type, not '%s'", format_names[fmt], types);
	int to_stdout = !csf_opt.output || !strcmp(csf_opt.output, "-");
	if (fmt == F_XLSX && to_stdout && isatty(STDOUT_FILENO)) {
		csf_warn("xlsx is binary: write it with -o FILE or into a pipe, not to a terminal");
		exit(2);
	}

	csf_out_open();
	csf_input *in = csf_input_open(argc - optind, argv + optind);
	csf_line ln;
	char sep = fmt == F_CSV ? ',' : '\t';
	int status = 0;

	if (fmt == F_JSON) {
		/* Streams: nothing is held. */
		csf_json_begin(csf_out);
		while (csf_input_next(in, &ln)) {
			if (types && !csf_in_list(types, ln.type))
				continue;
			if (!columns && !o.subject) {
				csf_json_record(csf_out, ln.text, ln.len);
				continue;
			}
			json_t *rec = csf_line_parse(&ln);
			if (subject_ok(rec, o.subject)) {
				if (columns)
					json_projected(rec, columns);
				else
					csf_json_record(csf_out, ln.text, ln.len);
			}
			json_decref(rec);
		}
		csf_json_end(csf_out);
	} else if (tabular && columns && types) {
		/* Columns known up front: stream rows. */
		csf_csv_header(csf_out, columns, sep, o.bom);
		while (csf_input_next(in, &ln)) {
			if (strcmp(types, ln.type))
				continue;
			json_t *rec = csf_line_parse(&ln);
			if (subject_ok(rec, o.subject))
				csf_csv_row(csf_out, rec, columns, sep);
			json_decref(rec);
		}
	} else {
		csf_doc *d = csf_doc_new();
		/* html streams people; the other formats hold every record. */
		csf_html_stream *hs = fmt == F_HTML ? csf_html_stream_new() : NULL;
		const char *only = types;
		char first_type[CSF_TYPE_MAX] = "";
		long others = 0;
		while (csf_input_next(in, &ln)) {
			if (tabular && !only) {
				/* csv/tsv without --type: the first record's type. */
				snprintf(first_type, sizeof first_type, "%s", ln.type);
				only = first_type;
			}
			if (only && (tabular ? strcmp(only, ln.type) != 0 : !csf_in_list(only, ln.type))) {
				others++;
				continue;
			}
			json_t *rec = csf_line_parse(&ln);
			if (!subject_ok(rec, o.subject))
				json_decref(rec);
			else if (hs)
				csf_html_stream_add(hs, ln.type, rec, ln.text, ln.len);
			else
				csf_doc_add(d, ln.type, rec);
		}
		if (tabular && !types && others > 0)
			csf_warn("%s: rows are '%s' records; %ld record%s of other types left out (choose with --type)",
			    format_names[fmt], first_type, others, others == 1 ? "" : "s");
		csf_doc_columns(d, columns);
		switch (fmt) {
		case F_TABLE: csf_render_table(d, csf_out, &o); break;
		case F_MD: csf_render_md(d, csf_out, &o); break;
		case F_CSV:
		case F_TSV: {
			csf_group *g = d->ngroups ? &d->groups[0] : NULL;
			if (g || columns)
				csf_csv_header(csf_out, g ? g->columns : columns, sep, o.bom);
			for (size_t i = 0; g && i < json_array_size(g->records); i++)
				csf_csv_row(csf_out, json_array_get(g->records, i), g->columns, sep);
			break;
		}
		case F_XLSX: status |= csf_render_xlsx(d, csf_out); break;
		case F_HTML: status |= csf_html_stream_end(hs, csf_out, &o); break;
		case F_SVG: status |= csf_render_svg(d, csf_out, &o); break;
		default: break;
		}
		csf_doc_free(d);
	}
	json_decref(columns);
	long errors = csf_input_errors(in);
	csf_input_close(in);
	if (status) {
		/* A failed backend must not leave a half-written -o file. */
		exit(1);
	}
	status = csf_out_close() || errors ? 1 : 0;
	return status;
}
