/* help.h - outside help for an organisation's gaps (services.ndjson): the
 * service types that serve a task and the list to choose a provider from,
 * and the expert and lecturer dispatch schemes for small organisations.
 * csf-plan names them where the organisation model finds a task
 * outsourced or an area with nobody in-house. */
#ifndef CSF_ORG_HELP_H
#define CSF_ORG_HELP_H

#include "core/csf.h"

/* The service types that serve task: a function (F31) by the functions
 * each type lists, an ITSS+ area (ITSS15) by its areas, an ITSS+ example
 * task by the areas it belongs to. A new array of {"id","name",
 * "choose_from"} in data order; empty when none serves it. */
json_t *help_services(const char *task);

/* The dispatch schemes meant for small organisations, as a new array of
 * {"id","org","name","published"}. */
json_t *help_dispatch(void);

#endif
