# Shared by the walk-throughs: checks the environment and runs scamhub. Source it, don't run it.
#
#   SCAMHUB_URL            the hub (default http://127.0.0.1:8080, as `scamhub serve --demo` starts it)
#   BANK_KEY PLATFORM_KEY POLICE_KEY AUDITOR_KEY   the API keys `serve --demo` printed (each script
#                          needs its own participant's)
#   COMMUNITY_KEY          the community key file (default scamhub-demo/community.key)
#   SCAMHUB                the scamhub binary (default: scamhub on PATH, else .build/debug/scamhub)
set -euo pipefail
export SCAMHUB_URL="${SCAMHUB_URL:-http://127.0.0.1:8080}"
COMMUNITY_KEY="${COMMUNITY_KEY:-scamhub-demo/community.key}"
if [[ -z "${SCAMHUB:-}" ]]; then
    SCAMHUB="$(command -v scamhub || echo .build/debug/scamhub)"
fi
need() {  # need VAR…: fail with a clear message when a variable is unset
    for name in "$@"; do
        [[ -n "${!name:-}" ]] || { echo "set $name (the key \`scamhub serve --demo\` printed)" >&2; exit 64; }
    done
}
[[ -r "$COMMUNITY_KEY" ]] || { echo "no community key at $COMMUNITY_KEY: set COMMUNITY_KEY" >&2; exit 66; }
COMMUNITY_KEY="$(cd "$(dirname "$COMMUNITY_KEY")" && pwd)/$(basename "$COMMUNITY_KEY")"
WORK="${WORK:-$(mktemp -d)}"
step() { printf '\n== %s\n' "$*"; }
