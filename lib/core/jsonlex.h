/* jsonlex.h - the lexical layer of JSON shared by the two scanners that
 * read JSON without jansson: jscan.c (NDJSON lines, validate only) and
 * nice.c (NIST's file, strings decoded in place). Both accept what
 * jansson's decoder accepts: RFC 8259 strings with no \u0000 and paired
 * surrogates, well-formed UTF-8. Inline, so each scanner gets a copy
 * specialised to its use (validate or decode) in its inner loop. The
 * range checks of numbers stay with each scanner. */
#ifndef CSF_JSONLEX_H
#define CSF_JSONLEX_H

#include <stdint.h>
#include <string.h>

#include "core/csf.h"

static inline const unsigned char *
jsonlex_ws(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The four hex digits at q as *v; -1 if there are not four. */
static inline int
jsonlex_hex4(const unsigned char *q, const unsigned char *end, unsigned *v)
{
	*v = 0;
	if (end - q < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int c = q[i], d;
		if (c >= '0' && c <= '9') d = c - '0';
		else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
		else return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

/* 1 for the bytes a string holds as they are: printable ASCII other than
 * '"' and '\\'. */
static const unsigned char jsonlex_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The first byte at or after p that is not plain (jsonlex_plain), or end.
 * Eight bytes at a time where the machine allows: a high bit marks each
 * byte below 0x20, '"', '\\' or 0x80 and above; borrows can mark bytes
 * above a marked one, so only the lowest mark is sure, and it is the one
 * taken. */
static inline const unsigned char *
jsonlex_plain_span(const unsigned char *p, const unsigned char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	while (end - p >= 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
		uint64_t m = ((x - ones * 0x20) | (quote - ones) | (slash - ones) | x) & high;
		if (m)
			return p + (__builtin_ctzll(m) >> 3);
		p += 8;
	}
#endif
	while (p < end && jsonlex_plain[*p])
		p++;
	return p;
}

/* The body of a string, from *rp (just past the opening quote) to its
 * closing quote. Where wp is not NULL the decoded bytes go to *wp and on
 * (which may be the body itself: decoding never lengthens). *escaped is
 * set when the body holds an escape. Returns NULL with *rp on the closing
 * quote, or the error with *rp where it was found (end if unterminated).
 * short_pair is the message for a high surrogate whose "\u" partner is
 * cut off by the end of input (the scanners have always differed there). */
static inline const char *
jsonlex_string(const unsigned char **rp, const unsigned char *end, unsigned char **wp,
               int *escaped, const char *short_pair)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	const unsigned char *r = *rp;
	unsigned char *w = wp ? *wp : NULL;
	const char *err = N_("unterminated string");

	while (r < end) {
		if (!w) {
			/* Validating only: skip the printable ASCII that most
			 * strings are made of. */
			r = jsonlex_plain_span(r, end);
			if (r >= end)
				break;
		}
		unsigned c = *r;
		if (c == '"') {
			err = NULL;
			break;
		}
		if (c < 0x20) {
			err = N_("control character in string");
			break;
		}
		if (c == '\\') {
			if (r + 1 >= end) {
				r = end;
				break;
			}
			*escaped = 1;
			if (r[1] != 'u') {
				const char *e = r[1] ? strchr(esc_in, r[1]) : NULL;
				if (!e) {
					err = N_("invalid escape in string");
					break;
				}
				if (w)
					*w++ = (unsigned char)esc_out[e - esc_in];
				r += 2;
				continue;
			}
			unsigned v, lo;
			if (jsonlex_hex4(r + 2, end, &v)) {
				err = N_("invalid \\u escape");
				break;
			}
			if (v == 0) {
				err = N_("\\u0000 is not allowed");
				break;
			}
			if (v >= 0xdc00 && v <= 0xdfff) {
				err = N_("invalid Unicode surrogate");
				break;
			}
			const unsigned char *q = r + 6;
			if (v >= 0xd800 && v <= 0xdbff) {
				if (end - q < 2 || q[0] != '\\' || q[1] != 'u') {
					err = N_("invalid Unicode surrogate");
					break;
				}
				if (end - q < 6) {
					err = short_pair;
					break;
				}
				if (jsonlex_hex4(q + 2, end, &lo)) {
					err = N_("invalid \\u escape");
					break;
				}
				if (lo < 0xdc00 || lo > 0xdfff) {
					err = N_("invalid Unicode surrogate");
					break;
				}
				q += 6;
				v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
			}
			r = q;
			if (!w)
				continue;
			if (v < 0x80) {
				*w++ = (unsigned char)v;
			} else if (v < 0x800) {
				*w++ = (unsigned char)(0xc0 | v >> 6);
				*w++ = (unsigned char)(0x80 | (v & 0x3f));
			} else if (v < 0x10000) {
				*w++ = (unsigned char)(0xe0 | v >> 12);
				*w++ = (unsigned char)(0x80 | (v >> 6 & 0x3f));
				*w++ = (unsigned char)(0x80 | (v & 0x3f));
			} else {
				*w++ = (unsigned char)(0xf0 | v >> 18);
				*w++ = (unsigned char)(0x80 | (v >> 12 & 0x3f));
				*w++ = (unsigned char)(0x80 | (v >> 6 & 0x3f));
				*w++ = (unsigned char)(0x80 | (v & 0x3f));
			}
			continue;
		}
		if (c < 0x80) {
			if (w)
				*w++ = (unsigned char)c;
			r++;
			continue;
		}
		int n = csf_utf8_len(r, end);
		if (!n) {
			err = N_("invalid UTF-8");
			break;
		}
		if (w) {
			if (w != r)
				memmove(w, r, (size_t)n);
			w += n;
		}
		r += n;
	}
	*rp = r;
	if (wp)
		*wp = w;
	return err;
}

/* The end of the number at p, or NULL if it breaks RFC 8259's grammar;
 * *is_real if it has a fraction or exponent, *has_exp if an exponent. */
static inline const unsigned char *
jsonlex_number(const unsigned char *p, const unsigned char *end, int *is_real, int *has_exp)
{
	*is_real = *has_exp = 0;
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && *p >= '1' && *p <= '9')
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (p < end && *p == '.') {
		*is_real = 1;
		if (++p >= end || *p < '0' || *p > '9')
			return NULL;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		*is_real = *has_exp = 1;
		if (++p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return NULL;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

#endif
