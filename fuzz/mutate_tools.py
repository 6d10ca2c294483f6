#!/usr/bin/env python3
"""mutate_tools.py - run every bin/csf-* over mutated NDJSON and report any
sanitizer error, crash (exit >= 128), hang, or exit status other than 0/1/2.

Build the tools with `make clean && make SAN=1` first. Inputs: the shipped
data (share/csf), test fixtures, and pipeline records the tools themselves
produce from them (answers -> scores -> gaps). Reference data is mutated too,
through --data. Usage: fuzz/mutate_tools.py [SECONDS] [SEED]"""
import json, os, random, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bin")
DATA = os.path.join(ROOT, "share", "csf")
ENV = dict(os.environ, LC_ALL="C.UTF-8", CSF_DATADIR=DATA,
           ASAN_OPTIONS="exitcode=99:detect_leaks=1",
           UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1")
BAD_TEXT = ("Sanitizer", "runtime error:", "AddressSanitizer", "LeakSanitizer")


def run(argv, stdin=None, timeout=20):
    try:
        p = subprocess.run(argv, input=stdin, capture_output=True, env=ENV, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""


def lines_of(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")


# ---- inputs ---------------------------------------------------------------
def base_inputs(tmp):
    files = [os.path.join(DATA, f) for f in sorted(os.listdir(DATA)) if f.endswith(".ndjson")]
    for d, _, fs in os.walk(os.path.join(ROOT, "tests", "fixtures")):
        files += [os.path.join(d, f) for f in sorted(fs) if f.endswith(".ndjson")]
    # TKS answers for the items of a role and of a persona, with levels.
    rng = random.Random(1)
    for args, name in ((["--role", "R03"], "answers-role"), (["--persona", "c"], "answers-persona")):
        rc, out, _ = run([os.path.join(BIN, "csf-roles"), *args])
        recs = []
        for subj in ("u1", "u2"):
            for l in out.splitlines():
                o = json.loads(l)
                if o.get("type") in ("task", "knowledge", "skill"):
                    recs.append(json.dumps({"type": "answer", "subject": subj, "item": o["id"],
                                            "level": rng.randint(0, 4)}))
        prof = {"type": "profile", "subject": "u1", "department": "IT"}
        prof.update({"role": "R03"} if name == "answers-role" else {"persona": "c"})
        prof2 = dict(prof, subject="u2")
        half = len(recs) // 2
        p = os.path.join(tmp, name + ".ndjson")
        with open(p, "w") as f:
            f.write("\n".join([json.dumps(prof)] + recs[:half] + [json.dumps(prof2)] + recs[half:]) + "\n")
        files.append(p)
    # Scores and gaps the tools produce, to feed the later stages.
    derived = []
    for src in [f for f in files if "/mgmt/" in f or "answers-" in f]:
        rc, out, _ = run([os.path.join(BIN, "csf-assess"), "-u", src])
        if rc == 0 and out:
            sp = os.path.join(tmp, "score-" + os.path.basename(src))
            open(sp, "wb").write(out)
            derived.append(sp)
            rc, out, _ = run([os.path.join(BIN, "csf-gap"), "-u", sp])
            if rc == 0 and out:
                gp = os.path.join(tmp, "gap-" + os.path.basename(src))
                open(gp, "wb").write(out)
                derived.append(gp)
    return files + derived


# ---- mutations ------------------------------------------------------------
SPECIAL = [1e308, -1e308, 9223372036854775807, -9223372036854775808, 0, -0.0, 1e-320,
           "NaN", "Infinity", "-inf", "nan", "", " ", "\u0000x"[1:], None, True, False,
           [], {}, [None], {"": ""}, "R99", "K999", "T001", "10-2", "11-1", "0-0", "1-1",
           -1, 5, 6, 4.5, 2**53, 0.1, "5", "-1", "x" * 100000, "あ" * 5000, "role", "score"]
TYPES = ["answer", "profile", "score", "gap", "plan", "maturity", "role", "task", "knowledge",
         "skill", "level", "persona", "question", "benchmark", "directive", "check", "tip",
         "hint", "function", "bogus", "", "meta"]


def deep(n):
    return "[" * n + "1" + "]" * n


def mutate_value(rng, v, depth=0):
    r = rng.random()
    if isinstance(v, dict) and v and r < 0.6 and depth < 4:
        k = rng.choice(list(v))
        v = dict(v)
        v[k] = mutate_value(rng, v[k], depth + 1)
        return v
    if isinstance(v, list) and v and r < 0.6 and depth < 4:
        v = list(v)
        i = rng.randrange(len(v))
        v[i] = mutate_value(rng, v[i], depth + 1)
        return v
    return rng.choice(SPECIAL)


def mutate_obj(rng, o):
    k = rng.random()
    keys = list(o)
    if k < 0.45 and keys:
        key = rng.choice(keys)
        o[key] = mutate_value(rng, o[key])
    elif k < 0.55 and keys:
        del o[rng.choice(keys)]
    elif k < 0.65:
        o["type"] = rng.choice(TYPES)
    elif k < 0.72:
        o[rng.choice(keys or ["x"])] = {}
    elif k < 0.8:
        return "{}"
    elif k < 0.88 and keys:
        # Duplicate a key with another value (raw text: json.dumps cannot).
        key = rng.choice(keys)
        s = json.dumps(o, ensure_ascii=False)
        return s[:-1] + ("," if keys else "") + json.dumps(key) + ":" + json.dumps(mutate_value(rng, o[key])) + "}"
    else:
        key = rng.choice(keys or ["x"])
        s = json.dumps(o, ensure_ascii=False)
        return s[:-1] + ("," if keys else "") + json.dumps(key) + ":" + deep(rng.choice([10, 62, 63, 64, 200])) + "}"
    return json.dumps(o, ensure_ascii=False, allow_nan=True)


def mutate_bytes(rng, line):
    b = bytearray(line)
    k = rng.random()
    if not b:
        return b"\xff"
    if k < 0.3:
        for _ in range(rng.randint(1, 3)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif k < 0.55:
        b = b[:rng.randrange(len(b))]
    elif k < 0.7:
        i = rng.randrange(len(b))
        b[i:i] = rng.choice([b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe3\x81", b"\x00", b"\r", b"\\u0000"])
    elif k < 0.85:
        b = b"\xef\xbb\xbf" + b + b"\r"
    else:
        i = rng.randrange(len(b))
        b[i:i] = rng.choice([b"1e999", b"-", b"99999999999999999999", b"NaN", b'"', b"{", b"]"])
    return bytes(b)


def mutate_file(rng, data_lines):
    lines = list(data_lines)
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines:
        lines = [b"{}"]
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        r = rng.random()
        if r < 0.55:
            try:
                o = json.loads(lines[i])
                if isinstance(o, dict):
                    lines[i] = mutate_obj(rng, o).encode()
                    continue
            except Exception:
                pass
            lines[i] = mutate_bytes(rng, lines[i])
        elif r < 0.75:
            lines[i] = mutate_bytes(rng, lines[i])
        elif r < 0.85:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif r < 0.9:
            del lines[i]
            if not lines:
                lines = [b"{}"]
        else:
            rng.shuffle(lines)
    out = b"\n".join(lines)
    return out if rng.random() < 0.2 else out + b"\n"


# ---- tool invocations -----------------------------------------------------
def invocations(f, datadir):
    B = lambda t: os.path.join(BIN, t)
    d = ["--data", datadir]
    return [
        [B("csf-cat"), "--keep-going", f], [B("csf-cat"), "--normalize", f],
        [B("csf-cat"), "-t", "answer,profile", "--keep-going", f],
        [B("csf-check"), f], [B("csf-check"), *d, f],
        [B("csf-assess"), f], [B("csf-assess"), "-u", "--keep-going", *d, f],
        [B("csf-assess"), "--template", f],
        [B("csf-gap"), f], [B("csf-gap"), "-u", "--keep-going", f],
        [B("csf-gap"), "--by", "role", f], [B("csf-gap"), "--by", "department", "--partial", f],
        [B("csf-gap"), "--merge", f], [B("csf-gap"), "--by", "class", "--min-n", "1", f],
        [B("csf-gap"), "--cohort", "industry", f], [B("csf-gap"), "--benchmark", "karte", "--a-target", "mean", f],
        [B("csf-plan"), f], [B("csf-plan"), "-u", "--keep-going", "--budget", "10", *d, f],
        [B("csf-map-nice"), f], [B("csf-map-nice"), "--keep-going", *d, f],
        [B("csf-map-nice"), "--coverage", f], [B("csf-map-nice"), "--coverage", "--by", "department", *d, f],
        [B("csf-map-nice"), "--diff", f, os.path.join(DATA, "tks.ndjson")],
    ]


def data_invocations(datadir):
    B = lambda t: os.path.join(BIN, t)
    d = ["--data", datadir]
    return [
        [B("csf-roles"), *d], [B("csf-roles"), *d, "--role", "R03"], [B("csf-roles"), *d, "--persona", "c"],
        [B("csf-roles"), *d, "-t", "role,task,knowledge,skill,level,persona,question", "--format", "text"],
        [B("csf-roles"), *d, "-s", "a"], [B("csf-check"), *d, *[os.path.join(datadir, x) for x in sorted(os.listdir(datadir)) if x.endswith(".ndjson")]],
        [B("csf-assess"), *d, "--template", "--role", "R01,R13"], [B("csf-assess"), *d, "--template", "--persona", "c"],
        [B("csf-assess"), *d, "--from-benchmark", "table2.2"],
        [B("csf-map-nice"), *d], [B("csf-map-nice"), *d, "--coverage"],
        [B("csf-map-nice"), *d, "--work-role", "PD-WRL-001"], [B("csf-map-nice"), *d, "--reverse", "T0084"],
    ]


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 120
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="csf-mutate-")
    found = os.path.join(ROOT, "fuzz", "found")
    inputs = base_inputs(tmp)
    datadir = os.path.join(tmp, "data")
    runs = problems = 0
    tally = {}
    t0 = time.time()
    it = 0
    while time.time() - t0 < seconds:
        it += 1
        # Fresh copy of the data directory, sometimes with one file mutated.
        shutil.rmtree(datadir, ignore_errors=True)
        shutil.copytree(DATA, datadir)
        mutate_data = it % 3 == 0
        if mutate_data:
            name = rng.choice([x for x in os.listdir(datadir) if x.endswith(".ndjson")])
            p = os.path.join(datadir, name)
            open(p, "wb").write(mutate_file(rng, lines_of(p)))
            jobs = data_invocations(datadir)
        else:
            src = rng.choice(inputs)
            f = os.path.join(tmp, "in.ndjson")
            open(f, "wb").write(mutate_file(rng, lines_of(src)))
            jobs = [rng.choice(invocations(f, datadir)) for _ in range(4)]
        for argv in jobs:
            rc, out, err = run(argv)
            runs += 1
            tally[rc] = tally.get(rc, 0) + 1
            if rc == 2 and os.environ.get("SHOW_USAGE_EXITS"):
                print("exit 2:", " ".join(a.replace(tmp, "$TMP") for a in argv), err.decode(errors="replace")[:200].strip(), flush=True)
            if rc == "timeout" or rc not in (0, 1, 2) or any(t.encode() in err for t in BAD_TEXT):
                problems += 1
                os.makedirs(found, exist_ok=True)
                case = os.path.join(found, "case-%d-%d" % (seed, problems))
                os.makedirs(case)
                for a in argv:
                    if a.startswith(tmp) and os.path.isfile(a):
                        shutil.copy(a, case)
                if mutate_data:
                    shutil.copytree(datadir, os.path.join(case, "data"))
                open(os.path.join(case, "cmd"), "w").write(" ".join(a.replace(tmp, "$TMP") for a in argv) + "\n")
                open(os.path.join(case, "stderr"), "wb").write(err)
                print("PROBLEM rc=%s %s\n%s" % (rc, " ".join(a.replace(tmp, "$TMP") for a in argv),
                      err.decode(errors="replace")[-1500:]), flush=True)
    print("%d runs in %.0f s, %d problems; exit statuses %s" % (runs, time.time() - t0, problems,
          ", ".join("%s: %d" % kv for kv in sorted(tally.items(), key=str))))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
