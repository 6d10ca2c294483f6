/* render_band.c - which cells of a report get a warning colour. The
 * management model colours a directive mean in the 1.x range pink and in
 * the 2.x range yellow (the visualisation tool's own rule); a person's
 * level is coloured when it is below its target. */
#include <string.h>

#include "render.h"

static const char *
last_key(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot ? dot + 1 : path;
}

int
csf_band_of(const json_t *rec, const char *path, const json_t *v)
{
	if (!json_is_number(v))
		return CSF_BAND_NONE;
	const char *k = last_key(path);
	double x = json_number_value(v);
	if (json_object_get(rec, "directive")) {
		if (strcmp(k, "mean") && strcmp(k, "level") && strcmp(k, "score"))
			return CSF_BAND_NONE;
		return x < 2 ? CSF_BAND_LOW : x < 3 ? CSF_BAND_MID : CSF_BAND_NONE;
	}
	if (strcmp(k, "current") && strcmp(k, "level"))
		return CSF_BAND_NONE;
	json_t *t = json_object_get(rec, "target");
	if (!json_is_number(t))
		return CSF_BAND_NONE;
	double gap = json_number_value(t) - x;
	return gap >= 2 ? CSF_BAND_LOW : gap > 0 ? CSF_BAND_MID : CSF_BAND_NONE;
}
