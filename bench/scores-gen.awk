# scores-gen.awk - csf-assess's output in its shape, without running it:
# N subjects, each a profile and K item scores, grouped by subject.
# With -v dept=D every record also names one of D departments.
# usage: awk -v n=100000 -v k=4 [-v dept=50] -f scores-gen.awk
BEGIN {
	srand(7);
	for (s = 1; s <= n; s++) {
		subj = sprintf("u%07d", s);
		d = dept ? sprintf(",\"department\":\"d%02d\"", s % dept) : "";
		printf "{\"type\":\"profile\",\"subject\":\"%s\",\"role\":\"R%02d\"%s}\n", subj, 1 + s % 13, d;
		for (i = 1; i <= k; i++) {
			c = substr("TKS", 1 + i % 3, 1);
			m = c == "T" ? 113 : c == "K" ? 98 : 103;
			printf "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"%s\",\"item\":\"%s%03d\",\"current\":%d,\"target\":%d%s}\n", subj, c, 1 + (i * 37 + s * 11) % m, int(rand() * 5), 2 + int(rand() * 3), d;
		}
	}
}
