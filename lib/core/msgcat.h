/* msgcat.h - the message catalogue compiled from po/ja.po by scripts/po2c
 * (lib/core/msgcat_ja.c is generated; edit po/ja.po). */
#ifndef CSF_MSGCAT_H
#define CSF_MSGCAT_H

#include <stddef.h>

struct csf_msg {
	const char *id, *str;
};
extern const struct csf_msg csf_msgs_ja[];
extern const size_t csf_msgs_ja_n;

#endif
