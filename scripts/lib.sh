# Shared by the setup scripts: where the cache lives, how to say what we do, how to install
# Debian packages only when they are missing. Sourced, never run.

CURATOR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CURATOR_CACHE_DIR="${CURATOR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/curator}"
export CURATOR_CACHE_DIR
mkdir -p "$CURATOR_CACHE_DIR"

say()  { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "need root to run: $* (install sudo or run as root)"; fi
}

# Installs the Debian packages among "$@" that are not installed yet; prints what it installs.
apt_ensure() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local stamp="$CURATOR_CACHE_DIR/apt-updated"
  if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440 2>/dev/null)" ]; then
    as_root apt-get update -qq || fail "apt-get update failed"
    touch "$stamp"
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    || fail "apt-get install failed for: ${missing[*]}"
}

# venv_ensure DIR: a Python virtual environment at DIR, with Debian's python3-venv installed
# first when python3 cannot make one.
venv_ensure() {
  local venv="$1"
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_ensure python3 python3-venv
  fi
  if [ ! -x "$venv/bin/python" ]; then
    say "creating a Python virtual environment in $venv"
    python3 -m venv "$venv" || fail "python3 -m venv failed (install python3-venv?)"
  fi
}
