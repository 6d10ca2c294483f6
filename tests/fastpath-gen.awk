# fastpath-gen.awk: a deterministic stream of profiles and answers (own LCG,
# so every awk gives the same records) written in the spellings a record may
# take: compact, spaced, keys reordered or escaped, repeated keys, escaped
# text, odd but valid values. Used by tests/fastpath.bats.
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
function item(   k, n) {
	k = rnd(3)
	n = k == 0 ? 1 + rnd(113) : k == 1 ? 1 + rnd(98) : 1 + rnd(103)
	return sprintf("%s%03d", substr("TKS", k + 1, 1), n)
}
function lvl(   r) { r = rnd(7); return r == 6 ? "null" : r == 5 ? "-0" : r % 5 }
function answer(subj, it, lv, tg,   v, t) {
	v = rnd(8)
	t = tg == "" ? "" : ",\"target\":" tg
	if (v == 0) return sprintf("{\"type\":\"answer\",\"subject\":\"%s\",\"item\":\"%s\",\"level\":%s%s}", subj, it, lv, t)
	if (v == 1) return sprintf("{ \"type\" : \"answer\" ,\t\"subject\" : \"%s\" , \"item\" : \"%s\" , \"level\" : %s %s }", subj, it, lv, t == "" ? "" : ", \"target\" : " tg)
	if (v == 2) return sprintf("{\"level\":%s%s,\"item\":\"%s\",\"subject\":\"%s\",\"type\":\"answer\"}", lv, t, it, subj)
	if (v == 3) return sprintf("{\"type\":\"answer\",\"\\u0073ubject\":\"%s\",\"it\\u0065m\":\"%s\",\"level\":%s%s}", subj, it, lv, t)
	if (v == 4) return sprintf("{\"type\":\"answer\",\"subject\":\"x\",\"level\":1,\"target\":4,\"item\":\"T001\",\"item\":\"%s\",\"subject\":\"%s\",\"level\":%s%s,\"note\":{\"level\":9,\"a\":[1,{\"item\":\"T001\"}]}}", it, subj, lv, t)
	if (v == 5) return sprintf("{\"type\":\"answer\",\"subject\":\"%s\",\"item\":\"\\u%04x%s\",\"level\":%s%s,\"evidence\":\"a \\\"q\\\" \\\\ \\/ \\u00e9\"}", subj, ord[substr(it, 1, 1)], substr(it, 2), lv, t)
	if (v == 6) return sprintf("{\"type\":\"answer\",\"subject\":\"%s\",\"item\":\"%s\",\"level\":%s,\"target\":null,\"assessor\":\"山田\"}", subj, it, lv)
	return sprintf("{\"type\":\"answer\",\"subject\":\"%s\",\"item\":\"%s\",\"level\":%s%s,\"date\":\"2026-01-01\"}\n{\"type\":\"meta\",\"note\":\"between\"}", subj, it, lv, t)
}
BEGIN {
	seed = 42
	ord["T"] = 84; ord["K"] = 75; ord["S"] = 83
	split("b c e", pers, " ")
	for (s = 0; s < 40; s++) {
		subj = s % 7 == 3 ? sprintf("社員%02d", s) : sprintf("s%03d", s)
		dept = "d" s % 3
		r = rnd(4)
		if (r == 0) prof = sprintf("{\"type\":\"profile\",\"subject\":\"%s\",\"department\":\"%s\",\"role\":\"R%02d\"}", subj, dept, 1 + rnd(13))
		else if (r == 1) prof = sprintf("{\"type\":\"profile\",\"subject\":\"%s\",\"department\":\"%s\",\"role\":[\"R%02d\",\"R%02d\"],\"target\":%d}", subj, dept, 1 + rnd(6), 7 + rnd(7), 1 + rnd(4))
		else if (r == 2) prof = sprintf("{\"type\":\"profile\",\"subject\":\"%s\",\"department\":\"%s\",\"persona\":\"%s\"}", subj, dept, pers[1 + rnd(3)])
		else prof = sprintf("{\"type\":\"profile\",\"subject\":\"%s\",\"department\":\"%s\",\"role\":\"R%02d\",\"persona\":\"%s\"}", subj, dept, 1 + rnd(13), pers[1 + rnd(3)])
		print prof
		delete used
		n = 6 + rnd(10)
		for (i = 0; i < n; i++) {
			it = item()
			if (it in used) continue
			used[it] = 1
			tg = rnd(3) == 0 ? lvl() : ""
			print answer(subj, it, lvl(), tg)
		}
	}
}
