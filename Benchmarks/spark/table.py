"""Prints the table of a Benchmarks/spark/run.sh results file (JSON lines). The peak MB column is
/usr/bin/time's: for the Spark job that is pyspark's Python process, since the JVM it starts is
not waited for; the JVM column is the java process's own peak (VmHWM sampled from /proc), also
in the fidelity line as the job read it itself (model.json)."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
for dataset in dict.fromkeys(r["dataset"] for r in rows):
    print(f"\n{dataset}")
    print(f"  {'step':34} {'wall s':>8} {'peak MB':>8} {'JVM MB':>7} {'load before/after':>18}")
    for r in rows:
        if r["dataset"] == dataset and "wall_seconds" in r:
            jvm = r.get("jvm_peak_rss_mb") or ""
            after = r.get("load_after", float("nan"))
            print(f"  {r['step']:34} {r['wall_seconds']:8.1f} {r['peak_rss_mb']:8} {jvm:>7} {r['load_before']:8.1f} / {after:<7.1f}")
    trip = sum(r["wall_seconds"] for r in rows if r["dataset"] == dataset and r.get("step") in ("export", "spark-fit", "import"))
    print(f"  {'round trip (export + fit + import)':34} {trip:8.1f}")
    for r in rows:
        if r["dataset"] != dataset:
            continue
        if r["step"] == "fidelity":
            print(f"  fidelity: top-{r['depth']} slots equal to Spark's {r['agreeingSlots']}/{r['slots']} = {r['slotAgreement']:.4%};"
                  f" folded in {r['foldInSlotAgreement']:.4%}; fold-in relative error max {r['foldInMaxRelativeError']:.2e}"
                  f" mean {r['foldInMeanRelativeError']:.2e}; Curator's unscaled fold-in {r.get('unscaledFoldInSlotAgreement', float('nan')):.4%};"
                  f" Spark {r['spark_version']} fit {r['spark_fit_seconds']:.1f} s, driver JVM peak {r.get('jvm_peak_rss_mb') or float('nan'):.0f} MB")
        elif r["step"].startswith("quality-"):
            print(f"  loo test {r['step'][8:]:32} NDCG@10 {r['ndcg@10']:.4f}  HR@10 {r['hr@10']:.4f}")
