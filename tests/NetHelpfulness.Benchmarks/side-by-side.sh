#!/usr/bin/env bash
# Side by side with R (issues 7 and 17): each command and its R equivalent on the same file, whole process against whole
# process (start-up, reading the file and writing the result included), best of RUNS, in one run of this script; then
# a table of the ratios, and a check that both sides computed the same numbers.
#
#   case         nethelp                                                     R
#   linearized   score --weight weight --strata country                      bench.R linearized   (svydesign + svymean)
#   bootstrap    score ... --ci bootstrap-percentile --replicates 10000       bench.R bootstrap    (boot(strata =) + boot.ci perc)
#   contrast     compare ... --contrast sale_alert=1,in_aisle_offer=-0.5,…   bench.R contrast     (svytotal + svycontrast)
#   rake         score --layout wide ... --calibrate M --calibration rake    bench-calibration.R  (svydesign + rake + svymean)
#   svyglm       model ... --terms "relationship*tracking + country"         model-bench.R linear (svyglm + regTermTest)
#
# The first three use the shipped survey (data/synthetic/survey.csv, 115,000 ratings, SYNTHETIC); rake a SYNTHETIC wide
# file of RAKE_RESPONDENTS respondents (bench-calibration.R write, once, in $TMPDIR); svyglm a SYNTHETIC long file of
# MODEL_RATINGS ratings (the benchmark project's model-files, once, in $TMPDIR).
#
# Two builds of nethelp are timed: the native one (docs/native-build.md: dotnet publish -p:PublishAot=true, made here into
# artifacts/native/ when missing), and the .NET tool as `dotnet tool install` gives it (ReadyToRun, from the local feed,
# installed into artifacts/startup-tool/ when missing). Ratios are R's best time over the native program's best time.
#
# Usage, from the repository root:  bash tests/NetHelpfulness.Benchmarks/side-by-side.sh [RUNS=3] [CASES="linearized bootstrap contrast rake svyglm"]
# Needs R with survey and boot (apt-get install -y r-base-core r-cran-survey r-cran-boot), hyperfine and python3.
# Writes artifacts/side-by-side/ratios.csv (and each side's output and hyperfine's JSON beside it).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
cases=${2:-linearized bootstrap contrast rake svyglm}
replicates=10000
rake_respondents=${RAKE_RESPONDENTS:-1000000}
model_ratings=${MODEL_RATINGS:-1000000}
tmp=${TMPDIR:-/tmp}
out=artifacts/side-by-side
mkdir -p "$out"

native=artifacts/native/nethelp
if [ ! -x "$native" ]; then
  echo "== publishing the native build (dotnet publish lib/NetHelpfulness.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/native)"
  dotnet publish lib/NetHelpfulness.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/native -nologo -v q >/dev/null
fi
tool=artifacts/startup-tool/nethelp
if [ ! -x "$tool" ]; then
  echo "== installing the .NET tool from the local feed"
  ls artifacts/packages/nethelp.*.nupkg >/dev/null 2>&1 || dotnet pack -c Release -o artifacts/packages -nologo -v q >/dev/null
  NUGET_PACKAGES="$PWD/artifacts/nuget-packages" dotnet tool install nethelp --tool-path artifacts/startup-tool --add-source artifacts/packages >/dev/null
fi

survey=data/synthetic/survey.csv
design="--weight weight --strata country"
contrast_scenarios="sale_alert in_aisle_offer overheard_coffee_ad"
declare -A ours theirs
ours[linearized]="score --input $survey $design --format csv"
theirs[linearized]="Rscript tests/reference/bench.R linearized $survey"
ours[bootstrap]="score --input $survey $design --ci bootstrap-percentile --replicates $replicates --format csv"
theirs[bootstrap]="Rscript tests/reference/bench.R bootstrap $survey $replicates"
ours[contrast]="compare --input $survey $design --contrast sale_alert=1,in_aisle_offer=-0.5,overheard_coffee_ad=-0.5 --format json"
theirs[contrast]="Rscript tests/reference/bench.R contrast $survey $contrast_scenarios"
for c in $cases; do
  case $c in
    rake)
      wide=$tmp/nethelp-calibration-bench-$rake_respondents.csv; margins=$tmp/nethelp-calibration-bench-$rake_respondents-margins.csv
      [ -f "$wide" ] || Rscript tests/reference/bench-calibration.R write "$wide" "$margins" "$rake_respondents"
      ours[rake]="score --input $wide --layout wide --scenario-prefix q_ --weight weight --strata stratum --calibrate $margins --calibration rake --format csv"
      theirs[rake]="Rscript tests/reference/bench-calibration.R run $wide $margins" ;;
    svyglm)
      dotnet build -c Release tests/NetHelpfulness.Benchmarks -v q -nologo >/dev/null
      mapfile -t files < <(dotnet tests/NetHelpfulness.Benchmarks/bin/Release/net10.0/NetHelpfulness.Benchmarks.dll model-files "$model_ratings")
      ours[svyglm]="model --input ${files[0]} --weight weight --strata country --scenarios ${files[1]} --terms relationship*tracking+country --format csv"
      theirs[svyglm]="Rscript tests/reference/model-bench.R ${files[0]} ${files[1]} linear" ;;
  esac
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "case,native_s,tool_s,r_s,ratio_native,ratio_tool,load_average" > "$out/ratios.csv"
for c in $cases; do
  echo "== $c"
  # One run of each side for its output (the numbers are compared below); hyperfine's own warm-up is this run.
  # shellcheck disable=SC2086 # the command lines are split on purpose
  $native ${ours[$c]} > "$out/$c.nethelp.out"
  # shellcheck disable=SC2086
  ${theirs[$c]} > "$out/$c.R.out" 2>/dev/null
  hyperfine -N --runs "$runs" --export-json "$out/$c.json" --command-name native --command-name tool --command-name R \
    "$native ${ours[$c]}" "$tool ${ours[$c]}" "${theirs[$c]}" >/dev/null
  python3 - "$out/$c.json" "$c" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/ratios.csv" <<'PY'
import json, sys
results = {r["command"]: min(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
n, t, r = results["native"], results["tool"], results["R"]
print(f"{sys.argv[2]},{n:.4f},{t:.4f},{r:.3f},{r / n:.1f},{r / t:.1f},{sys.argv[3]}")
PY
  tail -1 "$out/ratios.csv"
done

echo
echo "## Side by side, best of $runs ($(date -u +%Y-%m-%d), $(uname -m), $(nproc) cores, load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$out" $cases <<'PY'
import csv, json, sys
folder, cases = sys.argv[1], sys.argv[2:]
rows = {r["case"]: r for r in csv.DictReader(open(f"{folder}/ratios.csv"))}

def close(label, ours, theirs, scale=None):
    worst = max(abs(a - b) / (scale(k) if scale else 1) for k, (a, b) in enumerate(zip(ours, theirs)))
    return f"{label} {worst:.1e}"

def agreement(case):
    """The largest difference between the two sides' numbers (the bootstrap's in Monte-Carlo standard errors)."""
    mine, theirs = f"{folder}/{case}.nethelp.out", f"{folder}/{case}.R.out"
    if case == "contrast":
        a = json.load(open(mine))["contrast"]; b = next(csv.DictReader(open(theirs)))
        return close("estimate, SE:", [a["estimate"], a["se"]], [float(b["estimate"]), float(b["se"])])
    if case == "svyglm":
        a = {r["name"]: r for r in csv.DictReader(open(mine)) if r["section"] == "coefficient"}
        b = [r for r in csv.DictReader(l for l in open(theirs) if not l.startswith("rows"))]
        return close("coefficients, SEs:", [float(a[r["term"]][k]) for r in b for k in ("estimate", "se")],
                     [float(r[k]) for r in b for k in ("estimate", "se")])
    a = {r["scenario"]: r for r in csv.DictReader(open(mine))}
    b = list(csv.DictReader(open(theirs)))
    if case == "bootstrap":
        # Two independent bootstraps of B replicates: a percentile end point's Monte-Carlo SD is about
        # sqrt(p (1 - p) / B) / phi(z_p) x SE_boot (2.67 SE_boot / sqrt(B) at p = 2.5 %, for a near-normal distribution), and
        # that of the difference of two independent ones sqrt(2) times that; differences are shown in those units.
        B = 10000
        mc = (2 * 0.025 * 0.975 / B) ** 0.5 / 0.058440944333451476
        ends = [(float(a[r["scenario"]][k]), float(r[k]), float(r["se_bootstrap"]) * mc) for r in b for k in ("ci_low", "ci_high")]
        worst = max(abs(x - y) / s for x, y, s in ends)
        return (f"net exact to {max(abs(float(a[r['scenario']]['net']) - float(r['net'])) for r in b):.1e}; "
                f"{len(ends)} interval ends within {worst:.1f} Monte-Carlo SDs of R's")
    return close("net, SE:", [float(a[r["scenario"]][k]) for r in b for k in ("net", "se")], [float(r[k]) for r in b for k in ("net", "se")])

print("| case | native | .NET tool | R | R / native | R / tool | same numbers? |")
print("|---|---:|---:|---:|---:|---:|---|")
for case in cases:
    r = rows[case]
    print(f"| {case} | {float(r['native_s']):.3f} s | {float(r['tool_s']):.3f} s | {float(r['r_s']):.2f} s | **{r['ratio_native']}×** | {r['ratio_tool']}× | {agreement(case)} |")
PY
