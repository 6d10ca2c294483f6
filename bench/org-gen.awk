# org-gen.awk - n synthetic organisations for the organisation-model
# benchmark: each with an org profile (industry), 8 units (in-house and
# outside) and t tasks, each task assigned to one or two units.
# usage: awk -v n=1000 -v t=60 -f bench/org-gen.awk
BEGIN {
	srand(12)
	split("KK SS KD KY SI SV", ind, " ")
	split("is security dept dept audit subsidiary vendor security_vendor", kind, " ")
	for (i = 1; i <= 44; i++) task[i] = sprintf("F%02d", i)
	for (i = 45; i <= 60; i++) task[i] = sprintf("X%02d", i - 44)
	for (o = 1; o <= n; o++) {
		s = sprintf("org%05d", o)
		printf "{\"type\":\"org\",\"subject\":\"%s\",\"industry\":\"%s\"}\n", s, ind[1 + int(rand() * 6)]
		for (u = 1; u <= 8; u++)
			printf "{\"type\":\"unit\",\"subject\":\"%s\",\"id\":\"U%d\",\"kind\":\"%s\",\"in_house\":%s}\n",
			    s, u, kind[u], u <= 5 ? "true" : "false"
		for (k = 1; k <= t; k++) {
			r = rand()
			if (r < 0.6) {          # own by an in-house unit, sometimes with support
				printf "{\"type\":\"assignment\",\"subject\":\"%s\",\"task\":\"%s\",\"unit\":\"U%d\",\"mode\":\"own\"}\n", s, task[k], 1 + int(rand() * 5)
				if (rand() < 0.3)
					printf "{\"type\":\"assignment\",\"subject\":\"%s\",\"task\":\"%s\",\"unit\":\"U%d\",\"mode\":\"support\"}\n", s, task[k], 1 + int(rand() * 5)
			} else if (r < 0.9) {   # outsourced, mostly supervised
				printf "{\"type\":\"assignment\",\"subject\":\"%s\",\"task\":\"%s\",\"unit\":\"U%d\",\"mode\":\"outsource\"%s}\n", s, task[k], 6 + int(rand() * 3), rand() < 0.8 ? ",\"supervisor\":\"U1\"" : ""
			} else {                # support only
				printf "{\"type\":\"assignment\",\"subject\":\"%s\",\"task\":\"%s\",\"unit\":\"U%d\",\"mode\":\"support\"}\n", s, task[k], 1 + int(rand() * 5)
			}
		}
	}
}
