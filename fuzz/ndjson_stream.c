/* ndjson_stream.c - libFuzzer target for the NDJSON reader: the model and
 * the check are those of tests/ndjson-stream.c (every non-blank physical
 * line is returned byte for byte or reported; nothing vanishes). */
#define NDJSON_STREAM_NO_MAIN
#include "../tests/ndjson-stream.c"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	stream_setup();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_stream(data, size, "fuzz input");
	return 0;
}
