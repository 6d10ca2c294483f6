/* jbuild-diff.c - csf_build_json must give exactly what json_loadb gives
 * for every line csf_scan_json accepts. Reads lines from the files named;
 * prints one line per disagreement and a count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"

int
main(int argc, char **argv)
{
	long checked = 0, bad = 0;
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		long lineno = 0;
		while ((n = getline(&line, &cap, f)) > 0) {
			lineno++;
			while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			char type[CSF_TYPE_MAX];
			if (csf_scan_json(line, (size_t)n, type, sizeof type))
				continue;
			json_error_t e;
			json_t *want = json_loadb(line, (size_t)n, 0, &e);
			json_t *got = csf_build_json(line, (size_t)n);
			char *ws = want ? json_dumps(want, flags) : NULL;
			char *gs = json_dumps(got, flags);
			if (!ws || strcmp(ws, gs) != 0) {
				printf("%s:%ld: jansson %s, built %s\n", argv[i], lineno, ws ? ws : e.text, gs);
				bad++;
			}
			checked++;
			free(ws);
			free(gs);
			json_decref(want);
			json_decref(got);
		}
		free(line);
		fclose(f);
	}
	printf("%ld lines checked, %ld differ\n", checked, bad);
	return bad != 0;
}
