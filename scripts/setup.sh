# Sourced by run-app and run-tests: make a fresh Debian/Ubuntu machine ready, doing only what is
# missing. Installs the system libraries Qt needs, creates .venv and installs the project in it.
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PROJECT_DIR/.venv"
# Measured to suffice for Qt (xcb and offscreen) on Debian 12 / Ubuntu 22.04+.
QT_PACKAGES="libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core"

apt_install() {
  # Install Debian packages that are not installed yet (quietly; with sudo when not root).
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_ok() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

ensure_venv() {
  local python="${PYTHON:-python3}"
  python_ok "$python" || { echo "Catalog Sandbox needs Python 3.11 or newer ($python is older or missing)" >&2; exit 1; }
  "$python" -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  [ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
  # Reinstall only when the project's requirements changed.
  local stamp="$VENV/.catsandbox-installed" want
  want="$(sha256sum "$PROJECT_DIR/pyproject.toml" | cut -d' ' -f1)-$1"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$PROJECT_DIR$2"
    echo "$want" > "$stamp"
  fi
}
