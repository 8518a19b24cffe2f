-- SPDX-License-Identifier: GPL-3.0-or-later
-- Privileges of consilium_user (setup.sql) on the store's tables (issue 13; docs/store.md#postgresql).
-- Run as consilium_owner after the schema was created or upgraded:
--   psql -U consilium_owner -d consilium -f packaging/postgresql/grants.sql
-- Everything may be read and added to; only these changes of existing rows are granted:
--   cases             latest version and archive flag (CaseVersions.cpp)
--   current_verdicts  the derived index, rebuilt on every evaluation (Evaluations.cpp)
--   settings          site settings (CaseStore::setSetting)
--   decisions, decision_positions  drafts until finalised (the triggers refuse the rest)
-- audit_log, case_versions, evaluations, rule_packs, follow_ups (append-only: a newer follow-up
-- record supersedes the older, issue 14), schema_version, consilium_meta: no UPDATE, no DELETE. Purging an archived case lifts two triggers and is therefore the owner's.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM consilium_user;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO consilium_user;
REVOKE INSERT ON schema_version, consilium_meta FROM consilium_user;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO consilium_user;
GRANT UPDATE ON cases, current_verdicts, settings, decisions, decision_positions TO consilium_user;
GRANT DELETE ON current_verdicts TO consilium_user;
-- consilium_audit_append (schema v7) appends to the audit log as its caller (SECURITY INVOKER),
-- so it adds no right the role lacks; the other functions are the triggers' and cannot be called.
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO consilium_user;
