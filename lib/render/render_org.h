/* render_org.h - the organisation model's part of csf-render's HTML and
 * XLSX output (render_org.c): the tasks x units heat map and the findings
 * grouped by rule, per organisation. */
#ifndef CSF_RENDER_ORG_H
#define CSF_RENDER_ORG_H

#include <xlsxwriter.h>

#include "render/render.h"

typedef struct csf_org_view csf_org_view;
csf_org_view *csf_org_view_new(void);
/* Keep what the part draws: unit and assignment records and org findings
 * (anything else is ignored). */
void csf_org_view_add(csf_org_view *v, const char *type, const json_t *rec);
int csf_org_view_empty(const csf_org_view *v);
/* A <section id="orgmodel"> (nothing when the view is empty); _doc
 * draws the records of a collected input. */
void csf_org_html(FILE *f, const csf_org_view *v);
void csf_org_html_doc(FILE *f, const csf_doc *d);
/* Sheets "org matrix" and "org findings"; 1 if a sheet could not be made. */
int csf_org_xlsx(lxw_workbook *wb, const csf_org_view *v, lxw_format *header);
void csf_org_view_free(csf_org_view *v);

#endif
