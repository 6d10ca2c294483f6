/* render_band.c - which cells of a report get a warning colour. The
 * management model's "band" records (mgmt.ndjson) say which range of a
 * directive mean is shaded which colour (1.x pink, 2.x yellow in the
 * visualisation tool); a person's level is coloured when it is below its
 * target. One rule for every backend, so xlsx and html agree. */
#include <string.h>

#include "render/render.h"

static const char *
last_key(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot ? dot + 1 : path;
}

static int
band_of_colour(const char *colour)
{
	if (!colour)
		return CSF_BAND_NONE;
	if (!strcmp(colour, "pink"))
		return CSF_BAND_LOW;
	if (!strcmp(colour, "yellow"))
		return CSF_BAND_MID;
	return CSF_BAND_NONE;
}

int
csf_band_of_mean(double x)
{
	json_t *bands = csf_data_all("band");
	if (json_array_size(bands) == 0)   /* no model data: the tool's own rule */
		return x >= 1 && x < 2 ? CSF_BAND_LOW : x >= 2 && x < 3 ? CSF_BAND_MID : CSF_BAND_NONE;
	size_t i;
	json_t *b;
	json_array_foreach(bands, i, b) {
		json_t *from = json_object_get(b, "from"), *below = json_object_get(b, "below");
		if (json_is_number(from) && x < json_number_value(from) - 1e-9)
			continue;
		if (json_is_number(below) && x >= json_number_value(below) - 1e-9)
			continue;
		return band_of_colour(csf_str(b, "colour"));
	}
	return CSF_BAND_NONE;
}

int
csf_band_of(const json_t *rec, const char *path, const json_t *v)
{
	if (!json_is_number(v))
		return CSF_BAND_NONE;
	const char *k = last_key(path);
	double x = json_number_value(v);
	/* A row of Table 2.2's view: directive means as shown, under "means". */
	if (!strncmp(path, "means.", 6) && json_object_get(rec, "means"))
		return csf_band_of_mean(x);
	if (json_object_get(rec, "directive")) {
		/* Management records: a directive's mean (or a check's answer) on 1-5. */
		if (strcmp(k, "mean") && strcmp(k, "display") && strcmp(k, "current") && strcmp(k, "level"))
			return CSF_BAND_NONE;
		/* Bands go by the one-decimal mean the sheet shows. */
		json_t *shown = json_object_get(rec, "display");
		if (!strcmp(k, "mean") && json_is_number(shown))
			x = json_number_value(shown);
		return csf_band_of_mean(x);
	}
	if (strcmp(k, "current") && strcmp(k, "level"))
		return CSF_BAND_NONE;
	json_t *t = json_object_get(rec, "target");
	if (!json_is_number(t))
		return CSF_BAND_NONE;
	return csf_band_of_level(x, json_number_value(t));
}

int
csf_band_of_level(double level, double target)
{
	double gap = target - level;
	return gap >= 2 ? CSF_BAND_LOW : gap > 0 ? CSF_BAND_MID : CSF_BAND_NONE;
}
