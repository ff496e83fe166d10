#!/usr/bin/env bash
# Builds Benchmarks/peers/sasrec-quick (one SASRec fit on the loo test split, JSON out) with
# swiftc -O from CuratorCore, CuratorRecall and CuratorEval alone (and clang -O2 from CVectorMath), into .build/sasrec-quick, and
# runs it with the arguments given (DATA k=v,... [--fit-only]). NO_BUILD=1 skips the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"; out="$root/.build/sasrec-quick"
if [ -z "${NO_BUILD:-}" ]; then
  mkdir -p "$out"
  flags=(-O -wmo -parse-as-library -I "$out" -L "$out" -I "$root/Sources/CBLAS" -I "$root/Sources/CVectorMath/include")
  for file in "$root"/Sources/CVectorMath/*.c; do
    clang -O2 -c "$file" -I "$root/Sources/CVectorMath/include" -o "$out/$(basename "$file" .c).o"
  done
  rm -f "$out/libCVectorMath.a" && ar rcs "$out/libCVectorMath.a" "$out"/*.o
  for module in CuratorCore CuratorRecall CuratorEval; do
    (cd "$out" && swiftc "${flags[@]}" -module-name "$module" -emit-module -emit-library -static \
      $(find "$root/Sources/$module" -name '*.swift') -o "lib$module.a")
  done
  swiftc "${flags[@]}" "$here/sasrec-quick/main.swift" -lCuratorEval -lCuratorRecall -lCuratorCore -lCVectorMath -lopenblas -o "$out/sasrec-quick"
fi
# Debian's OpenBLAS falls back to SSE3 kernels on this Xeon unless told its core (see README).
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo 2>/dev/null; then export OPENBLAS_CORETYPE=Haswell; fi
fi
[ $# -eq 0 ] || exec "$out/sasrec-quick" "$@"
