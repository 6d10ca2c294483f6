/* render_dl.c - open a drawing library when its format needs it. */
#include <dlfcn.h>
#include <string.h>

#include "core/csf.h"
#include "render/render_dl.h"

/* dlsym gives a void *; POSIX makes it convertible to a function
 * pointer, and the slots are function pointers of the same size. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers fit in void *");

void
csf_dl_need(const char *format, const char *const *libs, size_t nlibs,
            const char *package, const struct csf_dl_sym *syms, size_t nsyms)
{
	void *h[8];
	if (nlibs > sizeof h / sizeof *h)
		nlibs = sizeof h / sizeof *h;
	for (size_t i = 0; i < nlibs; i++)
		if (!(h[i] = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL))) {
			const char *why = dlerror();
			csf_die(2, "%s output needs %s (Debian: %s): %s", format, libs[0], package,
			        why ? why : libs[i]);
		}
	for (size_t s = 0; s < nsyms; s++) {
		void *fn = NULL;
		const char *why = NULL;
		for (size_t i = 0; i < nlibs && !fn; i++)
			if (!(fn = dlsym(h[i], syms[s].name)))
				why = dlerror();
		if (!fn)
			csf_die(2, "%s output needs %s (Debian: %s): %s", format, libs[0], package,
			        why ? why : syms[s].name);
		memcpy(syms[s].slot, &fn, sizeof fn);
	}
	/* The handles stay open for the life of the process. */
}
