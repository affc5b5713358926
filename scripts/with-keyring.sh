#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring, so keytar has a real
# Secret Service (CI and headless Linux machines have none by default).
#   scripts/with-keyring.sh npm test
set -euo pipefail
if [ -z "${SWITCHYARD_IN_KEYRING:-}" ]; then
  export SWITCHYARD_IN_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
# A throwaway keyring in a temporary home, unlocked with a throwaway password.
export XDG_DATA_HOME="$(mktemp -d)"
eval "$(printf 'switchyard-ci\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
exec "$@"
