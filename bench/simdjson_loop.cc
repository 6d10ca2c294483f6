// simdjson_loop.cc - the floor csf-cat is measured against: parse every
// line of an NDJSON file with simdjson (DOM, full validation) and write
// the lines whose "type" is "answer", as csf-cat -t answer does.
// usage: simdjson_loop FILE
#include <cstdio>
#include <simdjson.h>

int
main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	simdjson::padded_string json;
	if (simdjson::padded_string::load(argv[1]).get(json))
		return 1;
	simdjson::dom::parser parser;
	simdjson::dom::document_stream docs;
	if (parser.parse_many(json).get(docs))
		return 1;
	for (auto it = docs.begin(); it != docs.end(); ++it) {
		simdjson::dom::element doc;
		if ((*it).get(doc))
			return 1;
		std::string_view type;
		if (!doc["type"].get(type) && type == "answer") {
			std::string_view src = it.source();
			fwrite(src.data(), 1, src.size(), stdout);
			putchar('\n');
		}
	}
	return 0;
}
