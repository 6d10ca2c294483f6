# scores-gen.awk - csf-assess's output in its shape, without running it:
# N subjects, each a profile and K item scores, grouped by subject.
# usage: awk -v n=100000 -v k=4 -f scores-gen.awk
BEGIN {
	srand(7);
	for (s = 1; s <= n; s++) {
		subj = sprintf("u%07d", s);
		printf "{\"type\":\"profile\",\"subject\":\"%s\",\"role\":\"R%02d\"}\n", subj, 1 + s % 13;
		for (i = 1; i <= k; i++) {
			c = substr("TKS", 1 + i % 3, 1);
			m = c == "T" ? 113 : c == "K" ? 98 : 103;
			printf "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"%s\",\"item\":\"%s%03d\",\"current\":%d,\"target\":%d}\n", subj, c, 1 + (i * 37 + s * 11) % m, int(rand() * 5), 2 + int(rand() * 3);
		}
	}
}
