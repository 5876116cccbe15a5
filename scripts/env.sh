# Shared set-up for the scripts in this folder (source it, don't run it). Each step installs only what is
# missing, so the first run on a fresh machine sets everything up and later runs start at once:
#   python_env   a virtual environment in .venv with the packages pinned in requirements.lock
#   node_env     the npm packages pinned in package-lock.json (browser assets, axe-core)
#   system_env   Debian's Chromium, CJK fonts, poppler-utils and git

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

stamp_changed() {  # stamp_changed STAMP FILE…: true if FILE… changed since STAMP was written
  local want
  want="$(cat "${@:2}" | sha256sum | cut -d' ' -f1)"
  [ "$(cat "$1" 2>/dev/null)" != "$want" ] && { echo "$want" > "$1.new"; return 0; }
  return 1
}

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Creating .venv"
    python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; rm -rf "$VENV"; python3 -m venv "$VENV"; }
  fi
  if stamp_changed "$VENV/.installed" "$ROOT/requirements.lock" "$ROOT/pyproject.toml"; then
    echo "==> Installing Python packages (requirements.lock)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -r "$ROOT/requirements.lock"
    "$VENV/bin/python" -m pip install -q --no-deps -e "$ROOT"
    mv "$VENV/.installed.new" "$VENV/.installed"
  fi
  export PATH="$VENV/bin:$PATH"
}

node_env() {  # node_env [--dev]: also the benchmark tools with --dev
  command -v npm >/dev/null || apt_install nodejs npm
  local stamp="$ROOT/node_modules/.installed${1:-}"
  mkdir -p "$ROOT/node_modules"
  if stamp_changed "$stamp" "$ROOT/package.json" "$ROOT/package-lock.json"; then
    echo "==> Installing npm packages (package-lock.json)"
    if [ "${1:-}" = "--dev" ]; then (cd "$ROOT" && npm ci --no-audit --no-fund >/dev/null)
    else (cd "$ROOT" && npm ci --omit=dev --no-audit --no-fund >/dev/null); fi
    mv "$stamp.new" "$stamp"
  fi
}

system_env() {
  apt_install chromium fonts-noto-cjk poppler-utils git
}
