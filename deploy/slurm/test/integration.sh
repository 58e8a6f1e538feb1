#!/usr/bin/env bash
# Slurm integration test: installs Debian's slurm-wlm and munge (as root, if missing), starts a one-node cluster on
# localhost (munged, slurmctld, slurmd; config written here, under a temporary folder, used through SLURM_CONF so
# /etc/slurm is not touched), submits a tiny `czsl reproduce` plan (ES, 2 folds × 2 executions, 1 epoch, 64 px
# images of a generated 5-fold table set) through deploy/slurm/submit.sh, kills one run unit mid-run, checks that the
# merge job lists it, resubmits, checks that the merged report equals a single-process run with the same seeds
# (every metric, timings aside), and stops the daemons it started.
# Exit: 0 passed, 1 failed, 77 skipped (not root, no apt-get, packages not installable, or Slurm already running here).
# Usage: bash deploy/slurm/test/integration.sh   (env CZSL: the czsl command; default: the Release build, built if absent)
set -uo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
slurm="$repo/deploy/slurm"
skip() { echo "SKIP slurm integration: $*"; exit 77; }
fail() { echo "FAIL slurm integration: $*"; exit 1; }
step() { echo "== $(date +%T) $*"; }

[ "$(id -u)" -eq 0 ] || skip "needs root (it installs slurm-wlm and munge and starts their daemons)"
command -v apt-get >/dev/null || skip "no apt-get (Debian/Ubuntu only)"
if pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null; then
  skip "a Slurm daemon already runs on this machine; this test starts its own cluster and will not touch that one"
fi

missing=()
command -v sbatch >/dev/null || missing+=(slurm-wlm)
command -v munged >/dev/null || missing+=(munge)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${missing[@]}" >/tmp/czsl-slurm-apt.log 2>&1; then
    apt-get update -q >>/tmp/czsl-slurm-apt.log 2>&1
    apt-get install -y -q "${missing[@]}" >>/tmp/czsl-slurm-apt.log 2>&1 || skip "apt-get could not install ${missing[*]} (see /tmp/czsl-slurm-apt.log)"
  fi
fi

T=$(mktemp -d /tmp/czsl-slurm.XXXXXX)
chmod 755 "$T"
started_munged=""
cleanup() {
  if [ -n "${SLURM_CONF:-}" ]; then scancel --user=root >/dev/null 2>&1 || true; fi
  for f in "$T/slurmd.pid" "$T/slurmctld.pid"; do
    if [ -s "$f" ]; then kill "$(cat "$f")" 2>/dev/null; fi
  done
  if [ -n "$started_munged" ]; then kill "$started_munged" 2>/dev/null; fi
  sleep 1
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 124' TERM INT

# --- munge (use a running munged if there is one; else start ours and stop it at the end)
if ! pgrep -x munged >/dev/null; then
  [ -s /etc/munge/munge.key ] || { mungekey --create >/dev/null 2>&1 || /usr/sbin/create-munge-key -f >/dev/null 2>&1; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged || fail "munged did not start"
  sleep 0.5
  started_munged=$(cat /run/munge/munged.pid 2>/dev/null)
fi
munge -n | unmunge >/dev/null || fail "munge does not work (munge -n | unmunge)"

# --- a one-node Slurm cluster on localhost, configured under $T
mkdir -p "$T/state" "$T/spool"
cpus=$(nproc)
cat >"$T/slurm.conf" <<CONF
ClusterName=czsltest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=localhost CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
step "starting slurmctld and slurmd ($cpus CPUs)"
/usr/sbin/slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start (see $T/slurmctld.log)"
/usr/sbin/slurmd -f "$SLURM_CONF" -N localhost || fail "slurmd did not start (see $T/slurmd.log)"
for _ in $(seq 60); do
  state=$(sinfo -h -o %T 2>/dev/null | head -n 1)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the node is not idle after 30 s (state '$state'; logs in $T)"

# --- czsl and a tiny data set
find_dll() { # the Release build of czsl: the default output, or the artifacts layout when CZSL_ARTIFACTS is set
  for d in "$repo/src/CzSL.Cli/bin/Release/net10.0/czsl.dll" "${CZSL_ARTIFACTS:-/nonexistent}/bin/CzSL.Cli/release/czsl.dll"; do
    [ -f "$d" ] && { echo "$d"; return 0; }
  done
  return 1
}
if [ -z "${CZSL:-}" ]; then
  if ! dll=$(find_dll); then
    step "building czsl"
    dotnet build "$repo/src/CzSL.Cli" -c Release -v q >"$T/build.log" 2>&1 || fail "build failed (see $T/build.log)"
    dll=$(find_dll) || fail "no czsl.dll after the build (see $T/build.log)"
  fi
  export CZSL="dotnet $dll"
fi
python3 "$repo/deploy/slurm/test/make-fixture.py" "$T/data" 40 >/dev/null || fail "could not write the test tables"
args=(--scenario es --tables "$T/data/tables" --images "$T/data/images" --folds 1,2 --executions 2 --epochs-scale 0.02 --transfer lbfgs-maxent --seed 7)

step "single-process run (the reference)"
$CZSL reproduce "${args[@]}" --threads 1 --out "$T/single" >"$T/single.log" 2>&1 || fail "single-process run failed (see $T/single.log)"

step "writing the plan"
$CZSL reproduce --plan "$T/plan" "${args[@]}" || fail "plan not written"

wait_for() { # wait until job $1 has left the queue (≤ $2 s)
  for _ in $(seq $(( $2 * 2 ))); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  return 1
}

step "submitting (1/2): autoencoder array → run array → merge"
read -r ae runs merge < <(bash "$slurm/submit.sh" "$T/plan") || fail "submission failed"
[ -n "$merge" ] || fail "submission printed no job ids"
echo "jobs: autoencoders $ae, runs $runs, merge $merge"
# Kill the last run unit (index 5) mid-training: once its work folder has an execution folder, cancel its task.
killed=""
for _ in $(seq 600); do
  if [ -d "$T/plan/units/run-es-fold2-exec2.partial/exec2" ]; then
    scancel --signal=KILL "${runs}_5" && killed=yes
    break
  fi
  [ -d "$T/plan/units/run-es-fold2-exec2" ] && break
  sleep 0.1
done
[ "$killed" = yes ] || fail "could not catch unit 5 while it ran (it finished or never started; see $T/plan)"
echo "killed unit 5 (task ${runs}_5) mid-run"
wait_for "$merge" 240 || fail "the first merge job did not finish in 4 min"
grep -q "unit 5 (run-es-fold2-exec2): not finished" "$T/plan/czsl-merge-$merge.out" \
  || fail "the merge did not list the killed unit (see $T/plan/czsl-merge-$merge.out)"
[ -d "$T/plan/units/run-es-fold2-exec2" ] && fail "the killed unit has a finished folder"

step "resubmitting (2/2): finished units are skipped, the killed one reruns"
read -r ae2 runs2 merge2 < <(bash "$slurm/submit.sh" "$T/plan") || fail "resubmission failed"
wait_for "$merge2" 240 || fail "the second merge job did not finish in 4 min"
grep -q "had finished: skipped" "$T/plan/czsl-ae-${ae2}_0.out" || fail "autoencoder unit 0 was not skipped on resubmission"
grep -q "unit 5 (run-es-fold2-exec2) finished" "$T/plan/czsl-run-${runs2}_5.out" || fail "unit 5 did not rerun (see $T/plan/czsl-run-${runs2}_5.out)"
[ -f "$T/plan/report/es/report.json" ] || fail "no merged report (see $T/plan/czsl-merge-$merge2.out)"
grep -q "error" "$T/plan/czsl-merge-$merge2.out" && fail "the merge reported errors (see $T/plan/czsl-merge-$merge2.out)"

step "comparing the merged report with the single-process run"
python3 "$repo/deploy/slurm/test/compare-reports.py" "$T/single/report.json" "$T/plan/report/es/report.json" \
  || fail "the merged report differs from the single-process run"
echo "PASS slurm integration: plan of 6 units through sbatch arrays with dependencies; a killed unit reran; merged report = single-process report"
