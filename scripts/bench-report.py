"""Prints the runtime benchmark report (BENCHMARKS.md's tables) from one run of
scripts/bench-runtimes: hyperfine's JSON, the peak RSS and size lists it wrote, and criterion's
estimates. Every ratio is to the native baseline of the same run.
Usage: python3 scripts/bench-report.py WORK_DIR CRITERION_DIR"""

import json
import pathlib
import statistics
import sys

work, crit = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])


def hyperfine(pattern):
    """Each command's runs over every hyperfine JSON file matching `pattern` (the rounds)."""
    times = {}
    for path in sorted(work.glob(pattern)):
        for r in json.loads(path.read_text())["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
    return {
        name: {
            "median": statistics.median(t),
            "mean": statistics.fmean(t),
            "stddev": statistics.stdev(t) if len(t) > 1 else 0.0,
        }
        for name, t in times.items()
    }


def pairs(name):
    rows = {}
    for line in (work / name).read_text().splitlines():
        label, _, value = line.rpartition(" ")
        rows[label] = int(value)
    return rows


def estimate(group, bench):
    """Criterion's median time in ns for one benchmark."""
    for path in [crit / group / bench, crit / group / bench.replace("/", "_")]:
        f = path / "new" / "estimates.json"
        if f.exists():
            return json.loads(f.read_text())["median"]["point_estimate"]
    return None


def verdict(ok):
    return "meets" if ok else "MISSES"


warm = {**hyperfine("warm-*.json"), **hyperfine("cold.json")}
native = warm["native"]["median"]
print("\n## Whole process: the seed example against the emulator (hyperfine)\n")
print("| runtime | median | mean ± σ | × native |")
print("|---|---|---|---|")
for name in ["fast, warm", "fast, cold", "extism, warm", "native"]:
    r = warm[name]
    print(f"| {name} | {r['median']*1e3:.2f} ms | {r['mean']*1e3:.2f} ± {r['stddev']*1e3:.2f} ms "
          f"| {r['median']/native:.2f} |")
ratio = warm["fast, warm"]["median"] / native
print(f"\nfast warm / native = {ratio:.2f} (target ≤ 1.5: {verdict(ratio <= 1.5)}; "
      f"stretch ≤ 1.3: {verdict(ratio <= 1.3)})")

rss = pairs("rss.txt")
print("\n## Peak RSS (median of 9, /usr/bin/time -v)\n")
print("| runtime | peak RSS | × native |")
print("|---|---|---|")
for name, kib in rss.items():
    print(f"| {name} | {kib/1024:.1f} MiB | {kib/rss['native']:.2f} |")
ratio = rss["fast, warm"] / rss["native"]
print(f"\nfast warm / native = {ratio:.2f} (target ≤ 3: {verdict(ratio <= 3)})")

print("\n## Sizes\n")
print("| what | bytes |")
print("|---|---|")
for name, size in pairs("sizes.txt").items():
    print(f"| {name} | {size:,} ({size/1024:.0f} KiB) |")

print("\n## In process (criterion, medians)\n")
print("`native` is the plugin's code linked into the host behind the same JSON boundary (identical")
print("work); `native, direct` calls its functions with Rust values, no JSON (the floor).\n")
print("| benchmark | fast | extism | native | native, direct | fast × native | extism × native |")
print("|---|---|---|---|---|---|---|")
rows = [("load+describe", "{}", "load + first `describe` (instantiate from the cache)")]
rows += [("call", f"{f}/{{}}", f"`{f}` on a warm instance") for f in ["describe", "plan", "render"]]
rows += [("plan+render", "{}", "`plan` + `render` pair on a warm instance")]
for group, pattern, label in rows:
    t = {k: estimate(group, pattern.format(k)) for k in ["fast", "extism", "native", "native-direct"]}
    if None in t.values():
        print(f"| {label} | (missing) | | | | | |")
        continue
    print(f"| {label} | {t['fast']/1e3:.2f} µs | {t['extism']/1e3:.2f} µs | {t['native']/1e3:.2f} µs "
          f"| {t['native-direct']/1e3:.2f} µs | {t['fast']/t['native']:.2f} | {t['extism']/t['native']:.2f} |")
pair = {k: estimate("plan+render", k) for k in ["fast", "extism", "native", "native-direct"]}
if None not in pair.values():
    per_s = {k: 1e9 / v for k, v in pair.items()}
    share = per_s["fast"] / per_s["native"]
    print(f"\nplan+render pairs per second: fast {per_s['fast']:,.0f}, extism {per_s['extism']:,.0f}, "
          f"native {per_s['native']:,.0f}; fast / native = {share:.2f} "
          f"(target ≥ 0.4: {verdict(share >= 0.4)}); extism / native = {per_s['extism']/per_s['native']:.2f}; "
          f"native, direct {per_s['native-direct']:,.0f} (fast / direct = {per_s['fast']/per_s['native-direct']:.2f})")
