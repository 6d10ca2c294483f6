# gen.awk - a synthetic organisation for the benchmark: N subjects, each
# with a profile and answers to K items, grouped by subject.
# usage: awk -v n=10000 -v k=40 -f gen.awk
BEGIN {
	srand(42);
	split("総務 経理 情報システム 開発 営業 人事 広報 法務", dept, " ");
	for (s = 1; s <= n; s++) {
		subj = sprintf("u%06d", s);
		r = sprintf("R%02d", 1 + (s % 13));
		printf "{\"type\":\"profile\",\"subject\":\"%s\",\"role\":\"%s\",\"department\":\"%s\"}\n", subj, r, dept[1 + s % 8];
		for (i = 1; i <= k; i++) {
			kind = (i % 2) ? "K" : "S";
			printf "{\"type\":\"answer\",\"subject\":\"%s\",\"item\":\"%s%03d\",\"level\":%d,\"target\":%d,\"assessor\":\"self\",\"date\":\"2026-11-01\"}\n", subj, kind, 1 + (i * 7 + s) % 60, int(rand() * 5), 2 + int(rand() * 3);
		}
		if (s % 50 == 0)
			printf "{\"type\":\"meta\",\"note\":\"batch %d\",\"tags\":[\"a\",\"b\"]}\n", s / 50;
	}
}
