#!/usr/bin/env bash
# stackscoped with its database key in the real OS keychain (gnome-keyring in the private session that
# tests/with-desktop.sh provides): init, import, query; the key is never on disk in clear; a missing entry and an
# unreachable keychain give their own exit codes (5 and 6) and leave the database untouched.
#   cli_keychain.sh /path/to/stackscoped
set -euo pipefail
daemon="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ws="$work/ws"
fail() { echo "FAIL: $*" >&2; exit 1; }

out="$("$daemon" init --workspace "$ws" --name keychain-test)"
grep -q '"key":"keychain"' <<<"$out" || fail "init did not use the keychain: $out"
id="$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$out")"
[[ -n "$id" ]] || fail "no workspace id in: $out"

printf '%s\n' '{"metric":"kc.m","labels":{"project":"p"},"ts":1767225600000,"value":5}' \
              '{"metric":"kc.m","labels":{"project":"p"},"ts":1767225660000,"value":7}' |
    "$daemon" import --workspace "$ws" - >"$work/import.json"
grep -q '"imported":2' "$work/import.json" || fail "import: $(cat "$work/import.json")"
"$daemon" query --workspace "$ws" --metric kc.m --from 1767225600000 --to 1767229200000 --step 1h --agg sum \
    >"$work/query.json"
grep -q '\[1767225600000,12\]' "$work/query.json" || fail "query: $(cat "$work/query.json")"

# The key as the keychain holds it (QtKeychain stores binary secrets base64-encoded), then search every file
# this session wrote for it in hex and raw form.
stored="$(secret-tool lookup user "workspace/$id/database-key" server Stackscope)" ||
    fail "no keychain entry workspace/$id/database-key"
hex="$(printf '%s' "$stored" | base64 -d 2>/dev/null | od -An -tx1 -v | tr -d ' \n')"
[[ ${#hex} -eq 64 ]] || fail "the keychain entry is not a 32-byte key (${#hex} hex digits)"
rawfile="$work/raw.key"
printf '%s' "$stored" | base64 -d >"$rawfile"
for root in "$ws" "${WITH_DESKTOP_TMP:-$HOME}"; do
    if grep -rqiF "$hex" "$root" 2>/dev/null; then fail "the key in hex is on disk under $root"; fi
    while IFS= read -r -d '' file; do
        [[ "$file" == "$rawfile" ]] && continue
        if grep -qF -f <(printf '%s' "$stored") "$file" 2>/dev/null; then fail "the key (base64) is in $file"; fi
    done < <(find "$root" -type f -print0)
done

before="$(sha256sum "$ws/metrics.db")"
# An unreachable keychain: exit 6, nothing touched.
set +e
DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent "$daemon" stats --workspace "$ws" >/dev/null 2>"$work/err"
code=$?
set -e
[[ $code -eq 6 ]] || fail "unreachable keychain: exit $code, $(cat "$work/err")"

# The entry removed: exit 5 with a hint, nothing touched.
secret-tool clear user "workspace/$id/database-key" server Stackscope
set +e
"$daemon" stats --workspace "$ws" >/dev/null 2>"$work/err"
code=$?
set -e
[[ $code -eq 5 ]] || fail "missing keychain entry: exit $code, $(cat "$work/err")"
grep -q -- "--key-file" "$work/err" || fail "no hint about --key-file: $(cat "$work/err")"
[[ "$(sha256sum "$ws/metrics.db")" == "$before" ]] || fail "the database changed"
echo "ok: keychain-backed workspace"
