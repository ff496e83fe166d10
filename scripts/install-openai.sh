#!/usr/bin/env bash
# Installs OpenAI's Python client from PyPI into a virtual environment of its own,
# $CURATOR_CACHE_DIR/venv-openai, for the test that talks to `curator serve`'s
# OpenAI-compatible endpoint (/v1/chat/completions) with the real client, streaming and not.
# Then writes $CURATOR_CACHE_DIR/openai.env naming the venv's python, read by the test suite.
# Idempotent: a second run finds it and returns at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OPENAI_VERSION="${CURATOR_OPENAI_VERSION:-3.51.0}"
VENV="$CURATOR_CACHE_DIR/venv-openai"
ENV_FILE="$CURATOR_CACHE_DIR/openai.env"

# One install at a time per cache folder.
exec 9>"$CURATOR_CACHE_DIR/install-openai.lock"
if ! flock -n 9; then
  say "another install-openai.sh is running on $CURATOR_CACHE_DIR; waiting for it"
  flock 9
fi

have_openai() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" - "$OPENAI_VERSION" <<'PY' >/dev/null 2>&1
import sys, openai
sys.exit(0 if openai.__version__ == sys.argv[1] else 1)
PY
}

if have_openai; then
  say "openai $OPENAI_VERSION already installed: $VENV"
else
  venv_ensure "$VENV"
  say "installing openai $OPENAI_VERSION from PyPI into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "openai==$OPENAI_VERSION" \
    || fail "pip install openai==$OPENAI_VERSION failed (is PyPI reachable?)"
  have_openai || fail "openai installed into $VENV but does not import"
  say "installed openai $OPENAI_VERSION into $VENV"
fi

cat >"$ENV_FILE.tmp" <<ENV
# Written by scripts/install-openai.sh; read by the test suite.
CURATOR_OPENAI_PYTHON=$VENV/bin/python
ENV
mv "$ENV_FILE.tmp" "$ENV_FILE"
say "wrote $ENV_FILE"
