"""Summarises a bilevel-compare.sh run: OUT directory (jmh-R.json, torch-default-R.txt, torch-1thread-R.txt for
R = 1..ROUNDS). Ratios are peer time / Tandem time within each round (both measured back to back), then the
median over rounds with the range in brackets; the times are medians over rounds."""
import json, re, statistics, sys

out, rounds = sys.argv[1], int(sys.argv[2])
java, torch = [], []
for r in range(1, rounds + 1):
    j, t = {}, {}
    for b in json.load(open(f"{out}/jmh-{r}.json")):
        name = b["benchmark"].rsplit(".", 1)[1]
        p = b["params"]
        j[(name, p.get("form", "gram"), p["size"])] = b["primaryMetric"]["score"]
    for env in ("default", "1thread"):
        for line in open(f"{out}/torch-{env}-{r}.txt"):
            m = re.match(r"torch (\w+): n=(\d+) p=(\d+) K=\d+: ([\d.]+) ms", line)
            if m:
                t[(m[1], env, f"{m[2]}x{m[3]}")] = float(m[4])
    java.append(j)
    torch.append(t)


def med(key, src):
    return statistics.median(s[key] for s in src)


def ratio(tkey, jkey):
    v = sorted(t[tkey] / j[jkey] for t, j in zip(torch, java))
    return "%7.2f [%.2f–%.2f]" % (statistics.median(v), v[0], v[-1])


rows = [("unrolled", "unrolled", "data"), ("unrolled", "unrolled", "gram"), ("implicit", "implicit", "data"),
        ("implicit", "implicit", "gram"), ("implicit", "implicitCholeskyGram", "gram")]
label = {"unrolled": "unrolled K=100", "implicit": "implicit CG", "implicitCholeskyGram": "implicit Cholesky"}
print(f"\nmedian over {rounds} round(s), ms per hypergradient; ratio = torch / Tandem (same round), median [range]")
print("| n × p | Tandem estimator | form | Tandem ms | torch ms | torch 1-thread ms | torch / Tandem | torch 1-thread / Tandem |")
print("|---|---|---|---|---|---|---|---|")
for size in ("442x10", "2000x500"):
    for est, bench, form in rows:
        jk = (bench, form, size)
        tk, t1 = (est, "default", size), (est, "1thread", size)
        print("| %s | %s | %s | %.3f | %.3f | %.3f | %s | %s |" % (size.replace("x", " × "), label[bench], form,
              med(jk, java), med(tk, torch), med(t1, torch), ratio(tk, jk), ratio(t1, jk)))
for size in ("442x10", "2000x500"):
    print("%s: forming the Gram matrix (once per data set) %.3f ms" % (size, med(("gramForm", "gram", size), java)))
