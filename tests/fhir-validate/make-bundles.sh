#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds a throw-away database with the decisions the FHIR export must cover (docs/fhir.md#validation)
# and exports each as a FHIR R4 Bundle with `consilium-cli db export-fhir`:
#   finalised.json   V01 (SLE, SI units), arm chosen, everyone agrees
#   dissent.json     V04 (SLE), arm chosen, one position disagrees
#   correction.json  the correction of finalised.json (CarePlan.replaces), finalised
#   options.json     E01 (pack 2026.2 options), standard care chosen
#   deferred.json    V10 (MS), deferred, left a draft (meta.tag draft)
# Usage: make-bundles.sh CONSILIUM_CLI SOURCE_DIR OUT_DIR
set -eu
cli=$1
src=$2
out=$3
rm -rf "$out"
mkdir -p "$out"
db="$out/decisions.sqlite"
run() { "$cli" db "$@" --db "$db" --as "Dr Export Test"; }
run init >/dev/null
run import "$src/resources/examples/V01-sle-ln-si-units.json" >/dev/null
run import "$src/resources/examples/V04-sle-renal-cardiac.json" >/dev/null
run import "$src/resources/examples/V10-ms-cladribine-infection.json" >/dev/null
run import "$src/resources/examples/options-2026.2/E01-sle-plt60.json" >/dev/null
run conference create --date 2026-12-01 --title "Cell therapy board" \
    --attendee "Dr Rheum:rheumatology" --attendee "Dr Cell:cellular_therapy" >/dev/null
for c in V01-sle-ln-si-units V04-sle-renal-cardiac V10-ms-cladribine-infection E01-sle-plt60; do
    run conference add-case 1 "$c" >/dev/null
done
agree() { # DECISION ROLE NAME
    run position "$1" --participant "$3" --role "$2" --agree >/dev/null
}
# 1: V01 finalised, all agree
run decide 1 V01-sle-ln-si-units >/dev/null
run outcome 1 --arm autologous_car_t --rationale "Refractory class IV lupus nephritis; trial slot available" >/dev/null
agree 1 rheumatology "Dr Rheum"
agree 1 cellular_therapy "Dr Cell"
run finalise 1 >/dev/null
# 2: V04 finalised with dissent
run decide 1 V04-sle-renal-cardiac >/dev/null
run outcome 2 --arm standard_care --rationale "Cardiac involvement: cell therapy deferred to standard care" >/dev/null
agree 2 rheumatology "Dr Rheum"
run position 2 --participant "Dr Cell" --role cellular_therapy --disagree \
    --reason "LVEF is acceptable; would offer allogeneic CAR T in a trial" >/dev/null
run finalise 2 >/dev/null
# 3: correction of 1
run correct 1 >/dev/null
run outcome 3 --arm allogeneic_car_t --rationale "Autologous slot withdrawn; allogeneic trial instead" >/dev/null
agree 3 rheumatology "Dr Rheum"
agree 3 cellular_therapy "Dr Cell"
run finalise 3 >/dev/null
# 4: E01 (options), standard care, finalised
run decide 1 E01-sle-plt60 >/dev/null
run outcome 4 --arm standard_care --rationale "Platelets 60: no cell therapy now" >/dev/null
agree 4 rheumatology "Dr Rheum"
agree 4 cellular_therapy "Dr Cell"
run finalise 4 >/dev/null
# 5: V10 deferred, a draft
run decide 1 V10-ms-cladribine-infection >/dev/null
run outcome 5 --defer --rationale "Active infection: re-discuss after treatment" >/dev/null
for pair in 1:finalised 2:dissent 3:correction 4:options 5:deferred; do
    run export-fhir "${pair%%:*}" -o "$out/${pair#*:}.json" 2>/dev/null
done
