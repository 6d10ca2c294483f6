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

/* ---- csf-plan: outside help as plan records ---- */
/* A task that is outsourced, or a security area with nobody in-house:
 * {"type":"plan","kind":"org_service", subject, task, units, why,
 * services, choose_from} naming the service types to buy; nothing when
 * no service type serves the task. why is "outsourced" or the rule. */
void help_plan_service(const char *subject, const char *task, const json_t *units, const char *why);
/* An "org" record of a small organisation: {"kind":"org_dispatch"} with
 * the dispatch schemes that fit it. 1 if it is small and one was written. */
int help_plan_dispatch(const json_t *org);
/* Is an "org" record's size a small organisation: "small" (or 小規模,
 * 中小, sme) or at most 300 people, 中小企業基本法's bound for most
 * industries. */
int help_is_small(const json_t *org);

#endif
