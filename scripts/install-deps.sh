#!/usr/bin/env bash
# Installs the Debian 12 packages Stackscope needs to build and to run all of its tests; only those missing.
# docs/DEPENDENCIES.md says why each one is here.
#
#   scripts/install-deps.sh           install what is missing (through sudo when not root)
#   scripts/install-deps.sh --print   print the package list, one per line, and exit
set -euo pipefail

packages=(
    # Build tools
    cmake ninja-build g++ pkgconf
    # Qt 6.4
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
    libqt6opengl6-dev  # only a Recommends of qt6-base-dev, but Qt6Charts' CMake config needs Qt6OpenGL
    qt6-httpserver-dev
    qt6-websockets-dev # not a dependency of qt6-httpserver-dev, but its CMake config needs Qt6WebSockets
    # Libraries
    qtkeychain-qt6-dev libsqlcipher-dev libsodium-dev nlohmann-json3-dev libcurl4-openssl-dev
    libsecret-1-0      # QtKeychain dlopen()s it at run time and does not depend on it
    sqlite3 libsqlite3-dev
    # Tests against real components (tests/with-desktop.sh and the integration tests)
    xvfb dbus-daemon dbus-bin gnome-keyring libsecret-tools dunst
    haskell-status-notifier-item-utils haskell-gtk-sni-tray-utils
    python3-aiosmtpd openssl curl fonts-dejavu-core
    # Benchmark only: bench_charts' QCustomPlot comparison
    libqcustomplot-dev
)

case "${1:-}" in
--print)
    printf '%s\n' "${packages[@]}"
    exit 0
    ;;
"") ;;
*)
    printf 'usage: %s [--print]\n' "$0" >&2
    exit 64
    ;;
esac

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "install-deps: this script needs a Debian system (dpkg-query, apt-get)" >&2
    exit 1
fi

missing_packages() {
    local p
    for p in "${packages[@]}"; do
        # "ii" = wanted and installed; anything else (absent, half-installed, removed) counts as missing.
        if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" != ii* ]]; then
            printf '%s\n' "$p"
        fi
    done
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

as_root=()
if ((EUID != 0)); then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: not root and sudo is not installed; missing: ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo)
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
# Wait up to 10 minutes for a dpkg lock held by someone else (unattended upgrades) instead of failing.
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q)
"${apt[@]}" update
"${apt[@]}" install -y --no-install-recommends "${missing[@]}"

mapfile -t still_missing < <(missing_packages)
if ((${#still_missing[@]})); then
    echo "install-deps: still not installed after apt-get: ${still_missing[*]}" >&2
    exit 1
fi
echo "install-deps: done"
