/* Test driver for lib/nice/nice.c: prints what the loader sees, one fact a line. */
#include <stdio.h>
#include <string.h>

#include "core/csf.h"
#include "nice/nice.h"

int
main(int argc, char *argv[])
{
	const struct nice_quirks *q;
	nice_db *db;
	size_t i, n;
	int a;

	csf_init(argc, argv);  /* messages say "nice-probe: " as the tools say their names */
	if (argc < 2) {
		fprintf(stderr, "usage: nice-probe FILE [ID...]\n");
		return 2;
	}
	if (!(db = nice_load(argv[1], stderr)))
		return 1;
	q = nice_quirks(db);
	printf("version %s\n", nice_version(db));
	printf("doc %s\n", nice_doc_id(db));
	printf("elements %zu\n", nice_count(db));
	printf("work_role %zu task %zu knowledge %zu skill %zu\n",
	    nice_count_kind(db, "work_role"), nice_count_kind(db, "task"),
	    nice_count_kind(db, "knowledge"), nice_count_kind(db, "skill"));
	printf("quirks dangling %zu dup_elements %zu dup_links %zu bad %zu titles %zu texts %zu\n",
	    q->dangling, q->dup_elements, q->dup_links, q->bad_records, q->titles, q->texts);
	for (a = 2; a < argc; a++) {
		const char *id = argv[a], *kind = nice_kind(db, id);
		const char *const *l;

		if (!kind) {
			printf("%s absent\n", id);
			continue;
		}
		printf("%s %s [%s]", id, kind, nice_title(db, id));
		printf(" category %s", nice_parent_kind(db, id, "category") ?
		    nice_parent_kind(db, id, "category") : "-");
		printf(" T %zu K %zu S %zu", nice_links_kind(db, id, "task"),
		    nice_links_kind(db, id, "knowledge"), nice_links_kind(db, id, "skill"));
		l = nice_parents(db, id, &n);
		printf(" parents");
		for (i = 0; i < n; i++)
			printf(" %s", l[i]);
		l = nice_links(db, id, &n);
		printf(" first %s\n", n ? l[0] : "-");
	}
	nice_free(db);
	return 0;
}
