#!/usr/bin/env bash
# The test command: configure, build and run every test (unit, GUI offscreen, integration).
#
#   scripts/test.sh [BUILD_DIR [CTEST_ARGS...]]     BUILD_DIR defaults to "build"
#
#   STACKSCOPE_CMAKE_ARGS   extra CMake arguments, e.g. "-DSTACKSCOPE_WERROR=ON -DSTACKSCOPE_SANITIZERS=address;undefined"
#   STACKSCOPE_REQUIRE_REAL=1  integration tests fail, rather than skip, when a real component is missing
#
# Examples: scripts/test.sh;  scripts/test.sh build -L integration;  scripts/test.sh build -R tst_keyfile
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir="${1:-build}"
(($#)) && shift
read -r -a cmake_args <<<"${STACKSCOPE_CMAKE_ARGS:-}"

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_args[@]}"
cmake --build "$build_dir" -j"$(nproc)"

# Tests never see the developer's display or session bus: GUI tests run offscreen, and the integration tests
# make their own private session (tests/with-desktop.sh).
export QT_QPA_PLATFORM=offscreen
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

cd "$build_dir"
# Last, so that CTest's summary is the last thing printed.
exec ctest --output-on-failure -j2 --timeout 300 "$@"
