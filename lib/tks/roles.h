/* roles.h - finding framework records the way people name them, and
 * questions about them: which role a TKS record belongs to, whether a
 * record's text mentions a word. */
#ifndef CSF_ROLES_H
#define CSF_ROLES_H

#include "core/csf.h"

/* One record of type by a person's key: its ID (ASCII case ignored), for
 * roles its number ("3"), an exact ja or en name, or a prefix of exactly
 * one name. Otherwise prints why and the candidates, and returns NULL.
 * opt names the option in the message ("--role"). */
json_t *csf_lookup(const char *type, const char *key, const char *opt);

/* Does a task/knowledge/skill record list role_id in its "roles"? */
int csf_has_role(const json_t *rec, const char *role_id);

/* Does the record's "name" or "text" (ja or en) contain needle, ASCII
 * letters compared without case? */
int csf_mentions(const json_t *rec, const char *needle);

/* strstr with ASCII case folding (UTF-8 bytes compare as they are). */
const char *csf_strcasestr(const char *hay, const char *needle);

#endif
