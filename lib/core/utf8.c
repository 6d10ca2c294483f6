/* utf8.c - the one UTF-8 check every reader shares (the JSON lexer, the
 * messages, the CSV writer); on its own so that none of them needs the
 * others for it. */
#include "core/csf.h"

/* Length of the well-formed UTF-8 sequence at p, 0 if malformed. */
int
csf_utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	int n;
	unsigned min, cp;
	if (c < 0x80) return 1;
	if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; cp = c & 0x1f; }
	else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; cp = c & 0x0f; }
	else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; cp = c & 0x07; }
	else return 0;
	if (end - p < n) return 0;
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}
