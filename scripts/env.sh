# Shared set-up for the scripts in this folder (source it, don't run it). Each step installs only what is
# missing, so the first run on a fresh machine sets everything up and later runs start at once:
#   python_env   a virtual environment in .venv with the packages pinned in requirements.lock
#   node_env     the npm packages pinned in package-lock.json (browser assets, axe-core)
#   system_env   Debian's Chromium, CJK fonts, poppler-utils, git, a Java runtime (for EPUBCheck) and rsync

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export NO_MKDOCS_2_WARNING=1  # Material's end-of-life banner on every build

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {  # apt_install PACKAGE…: install the Debian packages that are not installed yet
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

digest() { cat "$@" | sha256sum | cut -d' ' -f1; }  # digest FILE…: one hash of their contents

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Creating .venv"
    python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; rm -rf "$VENV"; python3 -m venv "$VENV"; }
  fi
  local want
  want="$(digest "$ROOT/requirements.lock" "$ROOT/pyproject.toml")"
  if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$want" ]; then
    echo "==> Installing Python packages (requirements.lock)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -r "$ROOT/requirements.lock"
    "$VENV/bin/python" -m pip install -q --no-deps -e "$ROOT"
    echo "$want" > "$VENV/.installed"
  fi
  export PATH="$VENV/bin:$PATH"
}

node_env() {  # node_env [--dev]: also the benchmark tools with --dev
  command -v npm >/dev/null || apt_install nodejs npm
  local stamp="$ROOT/node_modules/.installed${1:-}" want  # npm ci empties node_modules, stamp included
  want="$(digest "$ROOT/package.json" "$ROOT/package-lock.json")"
  [ "$(cat "$ROOT/node_modules/.installed--dev" 2>/dev/null)" = "$want" ] && return 0  # a superset
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> Installing npm packages (package-lock.json)"
    if [ "${1:-}" = "--dev" ]; then (cd "$ROOT" && npm ci --no-audit --no-fund >/dev/null)
    else (cd "$ROOT" && npm ci --omit=dev --no-audit --no-fund >/dev/null); fi
    echo "$want" > "$stamp"
  fi
}

system_env() {
  apt_install chromium fonts-noto-cjk poppler-utils git default-jre-headless rsync
}
