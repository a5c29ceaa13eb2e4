#!/usr/bin/env bash
# Runs one test command inside a private, headless desktop session and cleans it all up afterwards.
#
#   tests/with-desktop.sh COMMAND [ARGS...]
#
# What the command gets:
#   - its own temporary HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_RUNTIME_DIR (mode 700),
#     exported as WITH_DESKTOP_TMP=<the temp dir> (HOME is $WITH_DESKTOP_TMP/home);
#   - a private D-Bus session bus (dbus-run-session), so nothing reaches the developer's real session;
#   - a real gnome-keyring Secret Service, unlocked, with a fresh "login" keyring under the temp HOME
#     (org.freedesktop.secrets; its PID is exported as WITH_DESKTOP_KEYRING_PID);
#   - unless WITH_DESKTOP_NO_X=1: an Xvfb display (DISPLAY, QT_QPA_PLATFORM=xcb), dunst
#     (org.freedesktop.Notifications), status-notifier-watcher and gtk-sni-tray-standalone (a StatusNotifier
#     tray host, registered before the command starts).
#
# Desktop detection variables (XDG_CURRENT_DESKTOP, DESKTOP_SESSION, KDE/GNOME ones) are cleared, so QtKeychain
# chooses libsecret. A helper that is not installed is skipped with a warning and listed in
# WITH_DESKTOP_MISSING (the test decides whether to skip or fail); a helper that is installed but does not come
# up is an error (exit 2). Otherwise the exit status is the command's.
#
# Knobs: WITH_DESKTOP_NO_X=1, WITH_DESKTOP_WAIT_TIMEOUT=<seconds per helper, default 20>,
#        WITH_DESKTOP_KEEP=1 (keep the temp dir for inspection).

# Functions below run from traps, which shellcheck cannot see.
# shellcheck disable=SC2317
set -euo pipefail

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
readonly self
readonly wait_timeout="${WITH_DESKTOP_WAIT_TIMEOUT:-20}"

log() { printf 'with-desktop: %s\n' "$*" >&2; }

have() { command -v "$1" >/dev/null 2>&1; }

# The last lines of a helper's log, indented, for error messages.
show_log() {
    if [[ -s "$1" ]]; then
        log "last lines of $1:"
        tail -n 20 "$1" | sed 's/^/    /' >&2
    fi
}

# Sends TERM (and CONT, in case a test stopped it) to each PID, waits up to 5 s, then KILLs what is left.
# Runs from traps, so it must never fail: callers use `set +e`.
stop_pids() {
    local pid
    for pid in "$@"; do
        kill -TERM "$pid" 2>/dev/null
        kill -CONT "$pid" 2>/dev/null
    done
    local deadline=$((SECONDS + 5))
    for pid in "$@"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
            sleep 0.05
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "PID $pid did not stop after TERM; killing it"
            kill -KILL "$pid" 2>/dev/null
        fi
        wait "$pid" 2>/dev/null
    done
    return 0
}

# Like stop_pids, for the process group led by $1 (interrupted runs only).
stop_group() {
    local leader="$1"
    kill -TERM -- "-$leader" 2>/dev/null
    kill -CONT -- "-$leader" 2>/dev/null
    local deadline=$((SECONDS + 5))
    while kill -0 -- "-$leader" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.05
    done
    if kill -0 -- "-$leader" 2>/dev/null; then
        log "processes of group $leader did not stop after TERM; killing them"
        kill -KILL -- "-$leader" 2>/dev/null
    fi
    wait "$leader" 2>/dev/null
    return 0
}

# Runs "$@" in the background and waits for it, then exits with its status. (A foreground child would delay our
# INT/TERM traps until it ended by itself.)
child_pid=""
run_child() {
    "$@" &
    child_pid=$!
    set +e
    wait "$child_pid"
    local rc=$?
    set -e
    child_pid=""
    exit "$rc"
}

# ---------------------------------------------------------------------------------------------------------------
# Stage 1 (outer): temp dirs, Xvfb, then this script again under a private session bus.
# ---------------------------------------------------------------------------------------------------------------
outer() {
    if (($# == 0)); then
        log "usage: with-desktop.sh COMMAND [ARGS...]"
        exit 64
    fi
    if ! have dbus-run-session; then
        log "dbus-run-session is not installed (Debian package dbus-daemon); cannot make a private session bus"
        exit 2
    fi

    # An unprivileged dbus-daemon cannot raise its fd limit and says so on every start; the message is
    # harmless, so everything this script and its children write to stderr goes through a filter.
    exec 2> >(grep --line-buffered -v 'Failed to set fd limit' >&2)
    filter_pid=$!

    tmp="$(mktemp -d "${TMPDIR:-/tmp}/with-desktop.XXXXXX")"
    xvfb_pid=""
    trap outer_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP

    mkdir -p "$tmp/home/.local/share" "$tmp/home/.config" "$tmp/home/.cache" "$tmp/run"
    chmod 700 "$tmp" "$tmp/home" "$tmp/home/.local" "$tmp/home/.local/share" "$tmp/home/.config" \
        "$tmp/home/.cache" "$tmp/run"

    # Exported before the bus starts: services that D-Bus activates inherit the bus daemon's environment, and
    # must not write into the real home.
    export WITH_DESKTOP_TMP="$tmp"
    export HOME="$tmp/home"
    export XDG_DATA_HOME="$tmp/home/.local/share"
    export XDG_CONFIG_HOME="$tmp/home/.config"
    export XDG_CACHE_HOME="$tmp/home/.cache"
    export XDG_RUNTIME_DIR="$tmp/run"
    unset XDG_CURRENT_DESKTOP XDG_SESSION_DESKTOP XDG_SESSION_TYPE DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID \
        GNOME_KEYRING_CONTROL KDE_FULL_SESSION KDE_SESSION_VERSION KDE_SESSION_UID WAYLAND_DISPLAY \
        DBUS_SESSION_BUS_ADDRESS DISPLAY SESSION_MANAGER
    export NO_AT_BRIDGE=1 # GTK helpers must not start an accessibility bus

    if [[ "${WITH_DESKTOP_NO_X:-0}" != 1 ]]; then
        start_xvfb
    fi

    export WITH_DESKTOP_STAGE=inner
    # In a session (and process group) of its own: if we are interrupted, the whole bus subtree, dbus-daemon
    # included, can be stopped as one group.
    setsid dbus-run-session -- bash "$self" "$@" &
    child_pid=$!
    set +e
    wait "$child_pid"
    local rc=$?
    set -e
    child_pid=""
    exit "$rc"
}

start_xvfb() {
    if ! have Xvfb; then
        log "Xvfb is not installed (Debian package xvfb); running without a display"
        export WITH_DESKTOP_MISSING="${WITH_DESKTOP_MISSING:-} Xvfb"
        return 0
    fi
    # -displayfd: the server picks a free display and writes its number once it accepts clients, so parallel
    # tests never race for a display number.
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
    xvfb_pid=$!
    local deadline=$((SECONDS + wait_timeout))
    while [[ ! -s "$tmp/display" ]] || ! grep -q '^[0-9][0-9]*$' "$tmp/display"; do
        if ! kill -0 "$xvfb_pid" 2>/dev/null; then
            log "Xvfb exited before it was ready"
            show_log "$tmp/xvfb.log"
            exit 2
        fi
        if ((SECONDS >= deadline)); then
            log "Xvfb did not report a display within ${wait_timeout} s"
            show_log "$tmp/xvfb.log"
            exit 2
        fi
        sleep 0.05
    done
    DISPLAY=":$(head -n 1 "$tmp/display")"
    export DISPLAY
    export QT_QPA_PLATFORM=xcb
}

outer_cleanup() {
    local rc=$?
    set +e
    trap - INT TERM HUP
    [[ -n "$child_pid" ]] && stop_group "$child_pid"
    [[ -n "${xvfb_pid:-}" ]] && stop_pids "$xvfb_pid"
    if [[ "${WITH_DESKTOP_KEEP:-0}" == 1 ]]; then
        log "kept $tmp"
    else
        rm -rf "$tmp"
    fi
    # Let the stderr filter drain before we go (it ends when the last writer has closed the pipe).
    exec 2>&-
    local deadline=$((SECONDS + 3))
    while kill -0 "$filter_pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.05
    done
    exit "$rc"
}

# ---------------------------------------------------------------------------------------------------------------
# Stage 2 (inner, on the private bus): helpers, each waited for by its bus name, then the command.
# ---------------------------------------------------------------------------------------------------------------
helper_pids=()

name_has_owner() {
    dbus-send --session --print-reply=literal --reply-timeout=2000 --dest=org.freedesktop.DBus \
        /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

# wait_for_name NAME PID LABEL LOG
wait_for_name() {
    local name="$1" pid="$2" label="$3" logfile="$4"
    local deadline=$((SECONDS + wait_timeout))
    until name_has_owner "$name"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null
            log "$label exited (status $?) before it owned $name"
            show_log "$logfile"
            exit 2
        fi
        if ((SECONDS >= deadline)); then
            log "$label did not own $name within ${wait_timeout} s"
            show_log "$logfile"
            exit 2
        fi
        sleep 0.05
    done
}

start_keyring() {
    if ! have gnome-keyring-daemon; then
        log "gnome-keyring-daemon is not installed (Debian package gnome-keyring); no Secret Service"
        export WITH_DESKTOP_MISSING="${WITH_DESKTOP_MISSING:-} gnome-keyring"
        return 0
    fi
    # --unlock reads the password from stdin and creates an unlocked "login" keyring as the default collection;
    # --foreground keeps it our child, so we know its PID.
    printf '%s' "with-desktop-$RANDOM$RANDOM" |
        gnome-keyring-daemon --foreground --unlock --components=secrets >"$WITH_DESKTOP_TMP/keyring.log" 2>&1 &
    local pid=$!
    helper_pids+=("$pid")
    wait_for_name org.freedesktop.secrets "$pid" gnome-keyring-daemon "$WITH_DESKTOP_TMP/keyring.log"
    export WITH_DESKTOP_KEYRING_PID="$pid"
}

start_named_helper() { # NAME LABEL COMMAND... : start a helper and wait until it owns NAME
    local name="$1" label="$2"
    shift 2
    if ! have "$1"; then
        log "$1 is not installed; running without $label"
        export WITH_DESKTOP_MISSING="${WITH_DESKTOP_MISSING:-} $1"
        return 1
    fi
    "$@" >"$WITH_DESKTOP_TMP/$label.log" 2>&1 &
    local pid=$!
    helper_pids+=("$pid")
    wait_for_name "$name" "$pid" "$label" "$WITH_DESKTOP_TMP/$label.log"
}

start_tray() {
    # The watcher first, then the host without --watcher: the host's own watcher races and crashes.
    start_named_helper org.kde.StatusNotifierWatcher status-notifier-watcher status-notifier-watcher || return 0
    if ! have gtk-sni-tray-standalone; then
        log "gtk-sni-tray-standalone is not installed; running without a tray host"
        export WITH_DESKTOP_MISSING="${WITH_DESKTOP_MISSING:-} gtk-sni-tray-standalone"
        return 0
    fi
    gtk-sni-tray-standalone --top --end --size 32 >"$WITH_DESKTOP_TMP/tray.log" 2>&1 &
    local pid=$!
    helper_pids+=("$pid")
    # Qt picks its D-Bus tray only if a host is registered when the application starts.
    local deadline=$((SECONDS + wait_timeout))
    until dbus-send --session --print-reply=literal --reply-timeout=2000 --dest=org.kde.StatusNotifierWatcher \
        /StatusNotifierWatcher org.freedesktop.DBus.Properties.Get \
        string:org.kde.StatusNotifierWatcher string:IsStatusNotifierHostRegistered 2>/dev/null | grep -q true; do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "gtk-sni-tray-standalone exited before it registered as a tray host"
            show_log "$WITH_DESKTOP_TMP/tray.log"
            exit 2
        fi
        if ((SECONDS >= deadline)); then
            log "gtk-sni-tray-standalone did not register as a tray host within ${wait_timeout} s"
            show_log "$WITH_DESKTOP_TMP/tray.log"
            exit 2
        fi
        sleep 0.05
    done
}

inner_cleanup() {
    local rc=$?
    set +e
    trap - INT TERM HUP
    [[ -n "$child_pid" ]] && stop_pids "$child_pid"
    # Newest first: the tray host before its watcher, everything before the keyring.
    local i pids=()
    for ((i = ${#helper_pids[@]} - 1; i >= 0; i--)); do
        pids+=("${helper_pids[i]}")
    done
    ((${#pids[@]})) && stop_pids "${pids[@]}"
    exit "$rc"
}

inner() {
    unset WITH_DESKTOP_STAGE
    trap inner_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
        log "dbus-run-session did not provide DBUS_SESSION_BUS_ADDRESS"
        exit 2
    fi
    if ! have dbus-send; then
        log "dbus-send is not installed (Debian package dbus-bin); cannot wait for the helpers"
        exit 2
    fi

    start_keyring
    if [[ -n "${DISPLAY:-}" ]]; then
        start_named_helper org.freedesktop.Notifications dunst dunst || true
        start_tray
    fi

    run_child "$@"
}

if [[ "${WITH_DESKTOP_STAGE:-}" == inner ]]; then
    inner "$@"
else
    outer "$@"
fi
