/* csvout.c - the one CSV/TSV writer: every cell any tool writes to a CSV
 * or TSV file goes through csf_put_csv, so quoting and the formula guard
 * cannot differ between csf-render and csf-assess --template.
 *
 * The guard (OWASP's advice on CSV injection): a cell a spreadsheet would
 * take as a formula gets a ' in front, which makes it text. Spreadsheets
 * start a formula at = + - @ and at their full-width and small forms, also
 * after blanks they skip (space, NBSP, ideographic space, BOM, zero-width
 * characters), and a leading TAB, CR, LF, VT or FF can hide one. A value
 * that already starts with ' before such a cell gets one more, so the
 * reader (csv.c) can take exactly one off and give back what was written. */
#include <string.h>

#include "core/csv.h"

/* The code point at s (UTF-8 already validated upstream; a stray byte
 * reads as itself) and its length. */
static size_t
next_cp(const unsigned char *s, unsigned long *cp)
{
	int n = csf_utf8_len(s, s + strnlen((const char *)s, 4));
	if (n <= 1) {
		*cp = s[0];
		return 1;
	}
	*cp = n == 2 ? (s[0] & 0x1fUL) << 6 | (s[1] & 0x3f)
	    : n == 3 ? (s[0] & 0x0fUL) << 12 | (s[1] & 0x3fUL) << 6 | (s[2] & 0x3f)
	    : (s[0] & 0x07UL) << 18 | (s[1] & 0x3fUL) << 12 | (s[2] & 0x3fUL) << 6 | (s[3] & 0x3f);
	return (size_t)n;
}

/* Characters a spreadsheet skips before it looks for a formula sign. */
static int
skipped_blank(unsigned long cp)
{
	return cp == ' ' || cp == 0xa0 || cp == 0x3000 || cp == 0xfeff || cp == 0x1680
	    || (cp >= 0x2000 && cp <= 0x200d) || cp == 0x2028 || cp == 0x2029
	    || cp == 0x202f || cp == 0x205f || cp == 0x2060 || cp == 0x180e;
}

static int
formula_sign(unsigned long cp)
{
	switch (cp) {
	case '=': case '+': case '-': case '@':
	case 0xff1d: case 0xff0b: case 0xff0d: case 0xff20:   /* ＝ ＋ － ＠ */
	case 0xfe66: case 0xfe62: case 0xfe63: case 0xfe6b:   /* small forms */
	case 0x2212:                                          /* − minus sign */
		return 1;
	}
	return 0;
}

/* Would a spreadsheet read s (after any leading 's) as a formula? */
static int
looks_like_formula(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p == '\'')
		p++;
	if (*p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f')
		return 1;
	unsigned long cp;
	size_t n;
	while (*p && (n = next_cp(p, &cp)) > 0) {
		if (!skipped_blank(cp))
			return formula_sign(cp);
		p += n;
	}
	return 0;
}

int
csf_csv_guarded(const char *s)
{
	return looks_like_formula(s);
}

void
csf_put_csv(FILE *f, const char *s, char sep)
{
	int guard = looks_like_formula(s);
	int quote = strpbrk(s, "\"\r\n") != NULL || strchr(s, sep) != NULL;
	if (quote)
		putc('"', f);
	if (guard)
		putc('\'', f);
	/* The runs between quotes in one write each, a quote doubled. */
	for (const char *p = s, *q; *p; p = q + 1) {
		if (!(q = strchr(p, '"'))) {
			fputs(p, f);
			break;
		}
		fwrite(p, 1, (size_t)(q - p) + 1, f);
		putc('"', f);
	}
	if (quote)
		putc('"', f);
}

void
csf_csv_end_row(FILE *f, char sep)
{
	fputs(sep == ',' ? "\r\n" : "\n", f);
}

const char *
csf_csv_unguard(const char *cell)
{
	return cell[0] == '\'' && looks_like_formula(cell + 1) ? cell + 1 : cell;
}
