#!/usr/bin/env bash
# One shard of a commsim sweep per Slurm array task; shards are merged into one index after.
#
#   sbatch --array=0-7 scripts/slurm_sweep.sh SWEEP_FILE OUT_DIR [JOBS]
#       task i runs `commsim sweep SWEEP_FILE --shard i/8 --out OUT_DIR/shard-i --jobs JOBS`
#       (JOBS defaults to $SLURM_CPUS_PER_TASK, else 1). Re-submitting the same array resumes:
#       finished runs are skipped, unfinished ones (killed, timed out, preempted) are redone.
#   scripts/slurm_sweep.sh --merge OUT_DIR
#       `commsim sweep merge OUT_DIR/shard-* --out OUT_DIR/merged` (run it after the array,
#       e.g. sbatch --dependency=afterok:<array job id> scripts/slurm_sweep.sh --merge OUT_DIR).
#
# The commsim binary is $COMMSIM, else build/commsim of the submission directory (a shared
# file system is assumed: every task sees the sweep file, the data and OUT_DIR).
#SBATCH --job-name=commsim-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=04:00:00
#SBATCH --output=slurm-commsim-%A_%a.out
set -euo pipefail

COMMSIM="${COMMSIM:-${SLURM_SUBMIT_DIR:-$(pwd)}/build/commsim}"
if [ ! -x "$COMMSIM" ]; then
  echo "slurm_sweep.sh: $COMMSIM is not an executable; build commsim or set COMMSIM" >&2
  exit 2
fi

if [ "${1:-}" = "--merge" ]; then
  out="${2:?usage: slurm_sweep.sh --merge OUT_DIR}"
  exec "$COMMSIM" sweep merge "$out"/shard-* --out "$out/merged"
fi

sweep="${1:?usage: sbatch --array=0-(N-1) slurm_sweep.sh SWEEP_FILE OUT_DIR [JOBS]}"
out="${2:?usage: sbatch --array=0-(N-1) slurm_sweep.sh SWEEP_FILE OUT_DIR [JOBS]}"
jobs="${3:-${SLURM_CPUS_PER_TASK:-1}}"
index="${SLURM_ARRAY_TASK_ID:?not a Slurm array task (submit with sbatch --array=0-(N-1))}"
# Shards are numbered from 0: the array must be 0..N-1.
count="${SLURM_ARRAY_TASK_COUNT:-$(( ${SLURM_ARRAY_TASK_MAX:?} + 1 ))}"

mkdir -p "$out"
# Slurm output is not a terminal: progress comes as one log line per finished run.
exec "$COMMSIM" sweep "$sweep" --shard "$index/$count" --out "$out/shard-$index" --jobs "$jobs"
