/* render_xlsxlib.c - libxlsxwriter, opened when xlsx is asked for
 * (render_dl.h says why); render_xlsx.c and render_org.c call it. */
#include "render/render.h"
#include "render/render_dl.h"
#include "render/render_xlsxlib.h"

#ifndef XLSX_SONAME
#define XLSX_SONAME "libxlsxwriter.so.4"   /* Debian 12's; the Makefile reads the installed one */
#endif

struct xlsx_calls xlsxlib;

void
csf_xlsx_load(void)
{
	static int loaded;
#define XLSX_SYM(f) { #f, &xlsxlib.f },
	static const struct csf_dl_sym syms[] = { XLSX_CALLS(XLSX_SYM) };
#undef XLSX_SYM
	static const char *const libs[] = { XLSX_SONAME };
	if (!loaded)
		csf_dl_need("xlsx", libs, 1, "libxlsxwriter", syms, sizeof syms / sizeof *syms);
	loaded = 1;
}
