/* mkindex DATA.ndjson INDEX.idx - write the compact index of a share/csf
 * data file (lib/core/dataindex.h), which the tools start from. `make`
 * runs it; it is not installed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/csf.h"

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkindex DATA.ndjson INDEX.idx\n");
		return 2;
	}
	if (csf_data_write_index(argv[1], argv[2]) != 0) {
		fprintf(stderr, "mkindex: %s -> %s: %s\n", argv[1], argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
