/* render_dl.h - the libraries only some formats draw with (cairo and
 * pango for pdf, libxlsxwriter for xlsx) are opened when that format is
 * asked for: linking them cost every run of csf-render more start-up
 * than all the rest of its work (the dynamic loader's relocations). */
#ifndef CSF_RENDER_DL_H
#define CSF_RENDER_DL_H

#include <stddef.h>

struct csf_dl_sym {
	const char *name;
	void *slot;            /* the address of the function pointer to fill */
};

/* Open LIBS (sonames) and fill every symbol from the first that has it.
 * On failure: "FORMAT output needs LIBS[0] (Debian: PACKAGE): why",
 * exit 2. */
void csf_dl_need(const char *format, const char *const *libs, size_t nlibs,
                 const char *package, const struct csf_dl_sym *syms, size_t nsyms);

#endif
