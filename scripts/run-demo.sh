#!/usr/bin/env bash
# The "run the app" command: installs what is missing, builds the desktop app and opens the demo workspace
# (simulated services; created under ~/.local/share/stackscope/demo-workspace on first use).
#
#   scripts/run-demo.sh [extra stackscope arguments...]
#
#   STACKSCOPE_SKIP_DEPS=1   do not call scripts/install-deps.sh (e.g. on a machine without sudo)
#   STACKSCOPE_CMAKE_ARGS    extra CMake arguments
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${STACKSCOPE_SKIP_DEPS:-0}" != 1 ]]; then
    scripts/install-deps.sh
fi

read -r -a cmake_args <<<"${STACKSCOPE_CMAKE_ARGS:-}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_args[@]}"
cmake --build build --target stackscope -j"$(nproc)"

exec build/app/desktop/stackscope --demo "$@"
