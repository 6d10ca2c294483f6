/* csf-roles - look up the framework: the 13 roles, one role with its
 * tasks, knowledge and skills, personas and their items, the questions,
 * and a text search over all of it. Prints records as the data has them. */
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "tks/roles.h"
#include "tks/tks.h"

static const char usage_en[] =
"usage: csf-roles [--role ROLE]... [--persona PERSONA]... [-t TYPES] [-s TEXT]\n"
"                 [--format json|text] [--lang ja|en] [--data DIR] [-o FILE]\n"
"Print framework records, one JSON object per line (all roles by default).\n"
"  -r, --role ROLE        the role (ID, number, ja/en name or a unique prefix)\n"
"                         followed by its task, knowledge and skill records\n"
"  -p, --persona PERSONA  the persona followed by its items' records, each with\n"
"                         the persona's \"mode\", \"phase\" and \"target\" added\n"
"  -t, --type TYPES       only these types (comma list of role, task, knowledge,\n"
"                         skill, level, persona, question, service_type,\n"
"                         dispatch_scheme, maturity_tool); alone, all of them\n"
"  -s, --search TEXT      only records whose name, text or organisation (ja or en;\n"
"                         a service type's sub-type names too) contains\n"
"                         TEXT, ASCII case ignored; alone, searches every type\n"
"  -f, --format FORMAT    json (default) or text: one \"ID<TAB>name\" line each\n"
"  -o FILE, --data DIR, --lang ja|en, -h/--help, --version\n";

static const char usage_ja[] =
"usage: csf-roles [--role ROLE]... [--persona PERSONA]... [-t TYPES] [-s TEXT]\n"
"                 [--format json|text] [--lang ja|en] [--data DIR] [-o FILE]\n"
"フレームワークのレコードを 1 行に 1 つの JSON オブジェクトで出力する（既定は全役割）。\n"
"  -r, --role ROLE        役割（ID、番号、日本語・英語の名前、または一意な接頭辞）と、\n"
"                         それに続くタスク・知識・スキルのレコード\n"
"  -p, --persona PERSONA  ペルソナと、それに続く項目のレコード（各レコードに\n"
"                         ペルソナの \"mode\"、\"phase\"、\"target\" を加える）\n"
"  -t, --type TYPES       これらの種類だけ（role, task, knowledge, skill, level,\n"
"                         persona, question, service_type, dispatch_scheme,\n"
"                         maturity_tool のカンマ区切り）。単独ならそのすべて\n"
"  -s, --search TEXT      名前、本文または組織名（日本語か英語。サービス種別は\n"
"                         その細分の名前も）に TEXT を含むレコードだけ。\n"
"                         ASCII の大文字・小文字は区別しない。単独なら全種類を検索\n"
"  -f, --format FORMAT    json（既定）または text: 1 件につき「ID<TAB>名前」の 1 行\n"
"  -o FILE, --data DIR, --lang ja|en, -h/--help, --version\n";

static const struct csf_usage_text usage = { usage_en, usage_ja };

static const struct option longopts[] = {
	{ "role", required_argument, NULL, 'r' },
	{ "persona", required_argument, NULL, 'p' },
	{ "type", required_argument, NULL, 't' },
	{ "search", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, 'f' },
	CSF_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char *const all_types[] = {
	"role", "task", "knowledge", "skill", "level", "persona", "question",
	"service_type", "dispatch_scheme", "maturity_tool", NULL
};

static const char *types;   /* --type, NULL = any */
static const char *search;  /* --search */
static int text_format;

/* The one-line human form: ID (or scale:level), tab, name or text. */
static void
print_text(const json_t *rec)
{
	const char *id = csf_str(rec, "id");
	if (id)
		fputs(id, csf_out);
	else
		fprintf(csf_out, "%s:%lld", csf_str(rec, "scale") ? csf_str(rec, "scale") : "",
		    (long long)json_integer_value(json_object_get(rec, "level")));
	static const char *const extras[] = { "mode", "phase" };
	for (int i = 0; i < 2; i++) {
		const char *s = csf_str(rec, extras[i]);
		if (s)
			fprintf(csf_out, "\t%s", s);
	}
	const json_t *target = json_object_get(rec, "target");
	if (json_is_integer(target))
		fprintf(csf_out, "\t%lld", (long long)json_integer_value(target));
	const json_t *label = json_object_get(rec, "name");
	if (!label)
		label = json_object_get(rec, "text");
	fprintf(csf_out, "\t%s\n", csf_text(label));
	size_t i;
	json_t *choice;
	json_array_foreach(json_object_get(rec, "choices"), i, choice) {
		const char *cid = csf_str(choice, "id");
		fprintf(csf_out, "  %s\t%s\n", cid ? cid : "", csf_text(json_object_get(choice, "text")));
	}
}

/* Print a record if the --type and --search filters let it through. */
static void
output(const json_t *rec)
{
	const char *type = csf_str(rec, "type");
	if (types && (!type || !csf_in_list(types, type)))
		return;
	if (search && !csf_mentions(rec, search))
		return;
	if (text_format)
		print_text(rec);
	else
		csf_emit((json_t *)rec);
}

/* The i-th record of a type, as output() would print it: its own line
 * when the data has it as csf_emit writes it (no tree built). */
static void
output_at(const char *type, size_t i)
{
	size_t len;
	const char *line = search || text_format ? NULL : csf_data_line(type, i, &len);
	if (!line) {
		output(csf_data_at(type, i));
		return;
	}
	if (!types || csf_in_list(types, type)) {
		fwrite(line, 1, len, csf_out);
		putc('\n', csf_out);
	}
}

static void
output_type(const char *type)
{
	for (size_t i = 0, n = csf_data_count(type); i < n; i++)
		output_at(type, i);
}

static int
show_role(const char *key)
{
	json_t *role = csf_lookup("role", key, "--role");
	if (!role)
		return 1;
	const char *id = csf_str(role, "id");
	output(role);
	/* The role's items from the index, tasks, knowledge, skills in data
	 * order: only their records are decoded. */
	int r = id ? tks_role_index(id) : -1, n = 0;
	const int *items = r >= 0 ? tks_role_items(r, &n) : NULL;
	for (int k = 0; k < n; k++)
		output_at(tks_class_name(tks_at(items[k])->cls), tks_at(items[k])->data_index);
	return 0;
}

static int
show_persona(const char *key)
{
	json_t *persona = csf_lookup("persona", key, "--persona");
	if (!persona)
		return 1;
	const char *pid = csf_str(persona, "id");
	output(persona);
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(persona, "items"), i, it) {
		const char *item = csf_str(it, "item");
		json_t *rec = csf_data_item(item);
		if (!rec) {
			csf_warn("persona %s: item %s: no such task, knowledge or skill in %s",
			    pid ? pid : "?", item ? item : "?", csf_datadir());
			return 1;
		}
		/* The item's own record, with how this persona holds it. */
		json_t *copy = json_copy(rec);
		json_object_set_new(copy, "persona", json_string(pid ? pid : ""));
		static const char *const keys[] = { "mode", "phase", "target" };
		for (int k = 0; k < 3; k++) {
			json_t *v = json_object_get(it, keys[k]);
			if (v)
				json_object_set(copy, keys[k], v);
		}
		output(copy);
		json_decref(copy);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char **roles = xcalloc((size_t)argc, sizeof *roles), **personas = xcalloc((size_t)argc, sizeof *personas);
	int nroles = 0, npersonas = 0, c;

	csf_init(argc, argv);
	while ((c = getopt_long(argc, argv, "r:p:t:s:f:" CSF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (csf_common_option(c, optarg, &usage))
			continue;
		switch (c) {
		case 'r': csf_arg_nonempty("--role", optarg); roles[nroles++] = optarg; break;
		case 'p': csf_arg_nonempty("--persona", optarg); personas[npersonas++] = optarg; break;
		case 't': types = csf_arg_list("--type", optarg); break;
		case 's': search = csf_arg_nonempty("--search", optarg); break;
		case 'f': text_format = csf_arg_choice("--format", optarg, "json|text"); break;
		default: csf_usage(&usage);
		}
	}
	if (optind < argc)
		csf_usage_error("unexpected argument '%s'", argv[optind]);
	if (types)
		for (const char *p = types; *p; ) {
			size_t len = strcspn(p, ",");
			int known = 0;
			for (int i = 0; all_types[i]; i++)
				known |= strlen(all_types[i]) == len && !memcmp(all_types[i], p, len);
			if (!known)
				csf_usage_error("invalid value '%.*s' for --type (expected role, task, knowledge, skill, level, persona or question)", (int)len, p);
			p += len + (p[len] == ',');
		}

	csf_out_open();
	int status = 0;
	for (int i = 0; i < nroles && !status; i++)
		status = show_role(roles[i]);
	for (int i = 0; i < npersonas && !status; i++)
		status = show_persona(personas[i]);
	if (!nroles && !npersonas) {
		if (types || search) {
			for (int i = 0; all_types[i]; i++)
				if (!types || csf_in_list(types, all_types[i]))
					output_type(all_types[i]);
		} else {
			output_type("role");
		}
	}
	if (status)
		exit(status);  /* the partial -o file is removed */
	status = csf_out_close();
	free(roles);
	free(personas);
	return status;
}
