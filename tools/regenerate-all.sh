#!/usr/bin/env bash
# Regenerates every committed data table under Sources/ from its pinned package
# (tools/requirements.txt). CI runs this and fails if the result differs from what is committed.
# Test vectors have their own generators (tools/generate-*-vectors.py), run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
"$PYTHON" tools/generate-phone-metadata.py
"$PYTHON" tools/generate-idna-tables.py
"$PYTHON" tools/generate-iban-registry.py
