#!/usr/bin/env python3
"""mutate_tools.py - run every bin/csf-* over mutated NDJSON and report any
sanitizer error, crash (exit >= 128), hang, or exit status other than 0/1/2.

Build the tools with `make clean && make SAN=1` first. Inputs: the shipped
data (share/csf), test fixtures, and pipeline records the tools themselves
produce from them (answers -> scores -> gaps). Reference data is mutated too,
through --data. Also: CSV answers (csf-assess), csf-render in every format,
mutated excerpts of NIST's NICE JSON (--nice; from ../shared/nice, written
only to a temp dir), and whole pipelines assess | gap | plan | render over a
stream that mixes TKS and management-check answers.
Usage: fuzz/mutate_tools.py [SECONDS] [SEED]"""
import json, os, random, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bin")
DATA = os.path.join(ROOT, "share", "csf")
ENV = dict(os.environ, LC_ALL="C.UTF-8", CSF_DATADIR=DATA,
           ASAN_OPTIONS="exitcode=99:detect_leaks=1",
           UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1")
BAD_TEXT = ("Sanitizer", "runtime error:", "AddressSanitizer", "LeakSanitizer")
NICE_DIR = os.path.join(os.path.dirname(ROOT), "shared", "nice")
SAMPLE = os.path.join(DATA, "sample", "staff.ndjson")
MGMT = os.path.join(ROOT, "tests", "fixtures", "mgmt")


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
    # Real TKS answers (the sample organisation), and a stream mixing them
    # with management-check answers.
    files.append(SAMPLE)
    mixed = os.path.join(tmp, "answers-mixed.ndjson")
    with open(mixed, "wb") as f:
        f.write(open(SAMPLE, "rb").read())
        for m in sorted(os.listdir(MGMT)):
            f.write(open(os.path.join(MGMT, m), "rb").read())
    files.append(mixed)
    # Scores, gaps and plans the tools produce, to feed the later stages.
    derived = []
    for src in [f for f in files if "/mgmt/" in f or "answers-" in f or f == SAMPLE]:
        prev = src
        for stage in ("score", "gap", "plan"):
            tool = {"score": "csf-assess", "gap": "csf-gap", "plan": "csf-plan"}[stage]
            rc, out, _ = run([os.path.join(BIN, tool), "-u", prev])
            if rc != 0 or not out:
                break
            prev = os.path.join(tmp, stage + "-" + os.path.basename(src))
            open(prev, "wb").write(out)
            derived.append(prev)
    return files + derived


def csv_inputs(tmp):
    """CSV answer sheets: the sample's answers, plain and as Excel writes
    them (BOM, CRLF, every cell quoted, an extra column and blank row)."""
    recs = [json.loads(l) for l in open(SAMPLE, encoding="utf-8") if l.strip()]
    rows = [r for r in recs if r.get("type") == "answer"]
    out = []
    def cell(v, q):
        v = "" if v is None else str(v)
        return '"' + v.replace('"', '""') + '"' if q or any(c in v for c in ',"\r\n') else v
    for name, q, eol, bom in (("plain", False, "\n", ""), ("excel", True, "\r\n", "\ufeff")):
        lines = [",".join(cell(h, q) for h in ("Subject", "item", "LEVEL", "target", "note"))]
        for r in rows:
            lines.append(",".join(cell(v, q) for v in (r["subject"], r["item"], r.get("level"),
                                                     r.get("target"), 'say "hi",\nok')))
        lines.insert(len(lines) // 2, ",,,,")
        p = os.path.join(tmp, "answers-%s.csv" % name)
        open(p, "w", encoding="utf-8", newline="").write(bom + eol.join(lines) + eol)
        out.append(p)
    return out


def nice_inputs(tmp):
    """Small excerpts of NIST's files (kept in tmp only): a few work roles
    with their categories, links and linked T/K/S, in both layouts."""
    out = []
    for name in ("nice_components_v2.0.0.json", "nice_components_v2.1.0_cprt.json"):
        path = os.path.join(NICE_DIR, name)
        if not os.path.exists(path):
            continue
        d = json.load(open(path, encoding="utf-8"))
        lv = d["response"]["elements"] if "response" in d else d
        byid = {e["element_identifier"]: e for e in lv["elements"]}
        roles = [e for e in lv["elements"] if e["element_type"] == "work_role"][:3]
        keep = {e["element_identifier"] for e in roles}
        rels = []
        for r in lv["relationships"]:
            if r["source_element_identifier"] in keep or r["dest_element_identifier"] in keep:
                rels.append(r)
        rels = rels[:60]
        for r in rels:
            keep.add(r["source_element_identifier"])
            keep.add(r["dest_element_identifier"])
        small = dict(lv, elements=[byid[i] for i in byid if i in keep], relationships=rels)
        doc = {"response": {"elements": small}} if "response" in d else small
        p = os.path.join(tmp, "nice-" + name)
        json.dump(doc, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
        out.append(p)
    return out


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


def mutate_csv(rng, data):
    """Row-level and byte-level damage to a CSV sheet."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        r = rng.random()
        if r < 0.4:
            lines[i] = mutate_bytes(rng, lines[i])
        elif r < 0.6:
            b = bytearray(lines[i])
            j = rng.randrange(len(b) + 1)
            b[j:j] = rng.choice([b'"', b'""', b",", b",,,,,,", b"\r", b"\x00", b"\xef\xbb\xbf",
                                 b'"\n"', b"x" * 5000, b"-1", b"99999999999", b"4.0", b" 3 ", b"null"])
            lines[i] = bytes(b)
        elif r < 0.7:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif r < 0.8:
            lines[i] = b",".join([b"c%d" % k for k in range(rng.choice([2, 255, 256, 300]))])
        elif r < 0.9:
            del lines[i]
            if not lines:
                lines = [b""]
        else:
            lines[0] = rng.choice([b"subject,item,level,subject", b"type,subject,item,level",
                                   b"\xef\xbb\xbfsubject,item,level,target,type", b"", b"a,b"])
    return b"\n".join(lines)


def mutate_nice(rng, data):
    """A NICE file with one to three elements, relationships or documents
    damaged as JSON (wrong types, missing or repeated IDs, odd text), or a
    few bytes flipped."""
    if rng.random() < 0.25:
        b = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            i = rng.randrange(len(b))
            if r < 0.5:
                b[i] = rng.randrange(256)
            elif r < 0.8:
                b[i:i] = rng.choice([b"\xc2\xa0", b"\\u0000", b"1e999", b"[" * 70, b'"', b"\xff", b",", b"}"])
            else:
                del b[i:]
        return bytes(b)
    d = json.loads(data)
    lv = d["response"]["elements"] if "response" in d else d
    for _ in range(rng.randint(1, 3)):
        key = rng.choice(["elements", "relationships", "documents"])
        arr = lv.get(key)
        r = rng.random()
        if not isinstance(arr, list) or not arr or r < 0.05:
            lv[key] = mutate_value(rng, arr)
            continue
        i = rng.randrange(len(arr))
        if r < 0.5 and isinstance(arr[i], dict):
            arr[i] = dict(arr[i])
            k = rng.choice(list(arr[i]) or ["x"])
            other = arr[rng.randrange(len(arr))]   # another member's value: a repeated ID
            arr[i][k] = rng.choice([mutate_value(rng, arr[i].get(k)), "\u00a0 " + str(arr[i].get(k)) + " ",
                                    "", other.get(k) if isinstance(other, dict) else None])
        elif r < 0.7:
            arr.append(arr[i])          # a repeated element or relationship
        elif r < 0.8:
            del arr[i]
        elif r < 0.9:
            arr[i] = mutate_value(rng, arr[i])
        else:
            rng.shuffle(arr)
    if "response" in d and rng.random() < 0.05:
        d = lv   # unwrapped
    return json.dumps(d, ensure_ascii=rng.random() < 0.5, allow_nan=True).encode()


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
    ] + render_invocations(f)


RENDER_FORMATS = ["table", "md", "json", "csv", "tsv", "html", "svg", "xlsx"]


def render_invocations(f):
    B = lambda t: os.path.join(BIN, t)
    x = os.path.join(os.path.dirname(f), "out.xlsx")
    jobs = []
    for fmt in RENDER_FORMATS:
        o = ["-o", x] if fmt == "xlsx" else []
        jobs += [[B("csf-render"), "-f", fmt, *o, f], [B("csf-render"), "-f", fmt, "--keep-going", *o, f]]
    jobs += [[B("csf-render"), "-f", "svg", "--chart", c, f] for c in ("radar", "bars", "heatmap")]
    jobs += [[B("csf-render"), "-f", "csv", "--bom", "-t", "score", f],
             [B("csf-render"), "-f", "tsv", "-t", "plan", "-c", "subject,item,steps.0.resource", f],
             [B("csf-render"), "-f", "table", "--max-width", "3", "--subject", "E01", f],
             [B("csf-render"), "-f", "html", "--title", "<b>&\"x", "--lang", "ja", f]]
    return jobs


def csv_invocations(f):
    B = lambda t: os.path.join(BIN, t)
    return [[B("csf-assess"), f], [B("csf-assess"), "--keep-going", f], [B("csf-assess"), "-u", "--keep-going", f],
            [B("csf-assess"), "--csv", "--keep-going", "-"]]


def nice_invocations(n):
    B = lambda t: os.path.join(BIN, t)
    tks = os.path.join(DATA, "tks.ndjson")
    return [[B("csf-map-nice"), "--nice", n], [B("csf-map-nice"), "--nice", n, tks],
            [B("csf-map-nice"), "--nice", n, "--coverage"], [B("csf-map-nice"), "--nice", n, "--coverage", SAMPLE],
            [B("csf-map-nice"), "--nice", n, "--work-role", "PD-WRL-001"],
            [B("csf-map-nice"), "--nice", n, "--reverse", "T0084"],
            [B("csf-map-nice"), "--diff", n, os.path.join(NICE_DIR, "nice_components_v2.1.0_cprt.json")],
            [B("csf-check"), "--nice", n, tks, os.path.join(DATA, "roles.ndjson")]]


def pipelines(f, rng):
    """assess | gap | plan | render, each stage on the one before."""
    B = lambda t: os.path.join(BIN, t)
    fmt = ["-f", rng.choice([x for x in RENDER_FORMATS if x != "xlsx"])]
    return [[[B("csf-assess"), "-u", "--keep-going", f], [B("csf-gap"), "--keep-going"],
             [B("csf-plan"), "--keep-going"], [B("csf-render"), *fmt]],
            [[B("csf-assess"), "-u", "--keep-going", f], [B("csf-gap"), "--by", "department", "--keep-going"],
             [B("csf-render"), *fmt]],
            [[B("csf-assess"), "-u", "--keep-going", f], [B("csf-gap"), "--keep-going"],
             [B("csf-plan"), "--keep-going"], [B("csf-render"), "-f", "html"]]]


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
    csvs = csv_inputs(tmp)
    nices = nice_inputs(tmp)
    mixed = [f for f in inputs if os.path.basename(f) in ("answers-mixed.ndjson", "staff.ndjson")
             or "/mgmt/" in f or "score-" in f]
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
        mutate_data = it % 6 == 0
        stdin = None
        if mutate_data:
            name = rng.choice([x for x in os.listdir(datadir) if x.endswith(".ndjson")])
            p = os.path.join(datadir, name)
            open(p, "wb").write(mutate_file(rng, lines_of(p)))
            jobs = data_invocations(datadir)
        elif it % 6 == 1 and csvs:
            f = os.path.join(tmp, "in.csv")
            data = mutate_csv(rng, open(rng.choice(csvs), "rb").read())
            open(f, "wb").write(data)
            stdin = data
            jobs = csv_invocations(f)
        elif it % 6 == 2 and nices:
            n = os.path.join(tmp, "nice.json")
            open(n, "wb").write(mutate_nice(rng, open(rng.choice(nices), "rb").read()))
            jobs = [rng.choice(nice_invocations(n)) for _ in range(3)]
        elif it % 6 == 3:
            f = os.path.join(tmp, "in.ndjson")
            open(f, "wb").write(mutate_file(rng, lines_of(rng.choice(mixed))))
            jobs = [rng.choice(pipelines(f, rng))]
        else:
            src = rng.choice(inputs)
            f = os.path.join(tmp, "in.ndjson")
            open(f, "wb").write(mutate_file(rng, lines_of(src)))
            jobs = [rng.choice(invocations(f, datadir)) for _ in range(4)]
        for argv in jobs:
            if isinstance(argv[0], list):   # a pipeline: stage by stage
                data = None
                for stage in argv:
                    stage_in = data
                    rc, data, err = run(stage, stdin=data)
                    runs += 1
                    tally[rc] = tally.get(rc, 0) + 1
                    if rc == "timeout" or rc not in (0, 1, 2) or any(t.encode() in err for t in BAD_TEXT):
                        argv = stage
                        stdin = stage_in
                        break
                    if not data:
                        break
            else:
                rc, out, err = run(argv, stdin=stdin if argv[-1] == "-" else None)
                runs += 1
                tally[rc] = tally.get(rc, 0) + 1
            if rc == 2 and os.environ.get("SHOW_USAGE_EXITS"):
                print("exit 2:", " ".join(a.replace(tmp, "$TMP") for a in argv), err.decode(errors="replace")[:200].strip(), flush=True)
            if rc == "timeout" or rc not in (0, 1, 2) or any(t.encode() in err for t in BAD_TEXT):
                problems += 1
                os.makedirs(found, exist_ok=True)
                case = os.path.join(found, "case-%d-%d" % (seed, problems))
                os.makedirs(case)
                for a in argv + [os.path.join(tmp, x) for x in ("in.ndjson", "in.csv", "nice.json")]:
                    if a.startswith(tmp) and os.path.isfile(a):
                        shutil.copy(a, case)
                if mutate_data:
                    shutil.copytree(datadir, os.path.join(case, "data"))
                if stdin is not None:
                    open(os.path.join(case, "stdin"), "wb").write(stdin)
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
