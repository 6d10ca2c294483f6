#include "render.h"
int csf_render_html(const csf_doc *d, FILE *f, const struct csf_render_opts *o) { (void)d; (void)f; (void)o; return 1; }
int csf_render_svg(const csf_doc *d, FILE *f, const struct csf_render_opts *o) { (void)d; (void)f; (void)o; return 1; }
