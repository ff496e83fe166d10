#!/usr/bin/env bash
# Installs what the Spark path needs (scale/spark/, `curator import spark-als`), on demand:
#   - Java from Debian (`openjdk-17-jre-headless`) when no `java` is on the PATH;
#   - pyspark from PyPI into a virtual environment of its own, $CURATOR_CACHE_DIR/venv-spark
#     (plus numpy, which pyspark.ml needs).
# Then writes $CURATOR_CACHE_DIR/spark.env naming the venv's python and JAVA_HOME, read by
# the test suite and Benchmarks/spark/run.sh. Nothing is downloaded when a job runs.
# Idempotent: a second run finds both and returns at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PYSPARK_VERSION="${CURATOR_PYSPARK_VERSION:-4.0.1}"
VENV="$CURATOR_CACHE_DIR/venv-spark"
ENV_FILE="$CURATOR_CACHE_DIR/spark.env"

# One install at a time per cache folder.
exec 9>"$CURATOR_CACHE_DIR/install-spark.lock"
if ! flock -n 9; then
  say "another install-spark.sh is running on $CURATOR_CACHE_DIR; waiting for it"
  flock 9
fi

if ! command -v java >/dev/null 2>&1; then
  apt_ensure openjdk-17-jre-headless
fi
JAVA="$(readlink -f "$(command -v java)")"
JAVA_HOME_DIR="$(dirname "$(dirname "$JAVA")")"
"$JAVA" -version >/dev/null 2>&1 || fail "$JAVA does not run"

have_pyspark() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" - "$PYSPARK_VERSION" <<'PY' >/dev/null 2>&1
import sys, pyspark, numpy
sys.exit(0 if pyspark.__version__ == sys.argv[1] else 1)
PY
}

if have_pyspark; then
  say "pyspark $PYSPARK_VERSION already installed: $VENV"
else
  venv_ensure "$VENV"
  say "installing pyspark $PYSPARK_VERSION and numpy from PyPI into $VENV (a large source distribution; about a minute)"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION" numpy \
    || fail "pip install pyspark==$PYSPARK_VERSION failed (is PyPI reachable?)"
  have_pyspark || fail "pyspark installed into $VENV but does not import"
  say "installed pyspark $PYSPARK_VERSION into $VENV"
fi

cat >"$ENV_FILE.tmp" <<ENV
# Written by scripts/install-spark.sh; read by the test suite and Benchmarks/spark/run.sh.
CURATOR_SPARK_PYTHON=$VENV/bin/python
JAVA_HOME=$JAVA_HOME_DIR
ENV
mv "$ENV_FILE.tmp" "$ENV_FILE"
say "wrote $ENV_FILE"
