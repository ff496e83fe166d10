# Shared by the peer benchmarks (sourced): folders, the ml-100k path and the seeds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${CURATOR_CACHE_DIR:-$HOME/.cache/curator}/bench"
ml100k="${ML100K:-$root/../shared/data/ml-100k}"
seeds="${SEEDS:-1 2 3}"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
