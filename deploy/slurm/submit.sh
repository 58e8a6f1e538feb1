#!/usr/bin/env bash
# Submits a written plan (czsl reproduce --plan PLAN_DIR ...) as three jobs: the autoencoder array, the run array
# (after every autoencoder succeeded) and the merge (after the runs, whatever their outcome). Prints the three job ids.
# Extra arguments go to every sbatch call (e.g. --partition=cpu --cpus-per-task=4 --time=04:00:00).
# Resubmitting after a failure is safe: finished units are skipped.
set -euo pipefail
plan=${1:?usage: submit.sh PLAN_DIR [sbatch options...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
plan=$(cd "$plan" && pwd)
# shellcheck disable=SC1091
source "$plan/plan.env"
cd "$plan"
ae=$(sbatch --parsable --array="$AUTOENCODER_UNITS" "$@" "$here/autoencoders.sbatch" "$plan")
runs=$(sbatch --parsable --array="$RUN_UNITS" --dependency="afterok:$ae" "$@" "$here/runs.sbatch" "$plan")
merge=$(sbatch --parsable --dependency="afterany:$runs" "$@" "$here/merge.sbatch" "$plan")
echo "$ae $runs $merge"
