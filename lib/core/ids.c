/* ids.c - which model an item ID belongs to, by its shape. */
#include <ctype.h>

#include "core/csf.h"

int
csf_is_check_id(const char *s)
{
	const char *p = s;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != '-' || !isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}
