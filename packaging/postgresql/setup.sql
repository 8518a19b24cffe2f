-- SPDX-License-Identifier: GPL-3.0-or-later
-- The Consilium team store on PostgreSQL 15: roles and database (issue 13; docs/store.md#postgresql).
-- Run once as a superuser:   sudo -u postgres psql -f packaging/postgresql/setup.sql
--   consilium_owner  owns the database and its schema; runs the migrations (the first writer
--                    to open the empty database, then each upgrade) and purges.
--   consilium_user   the group role of the team's logins: reads, and adds rows; it may change
--                    only the rows the store changes in normal work (grants.sql), never the
--                    audit log, case versions, evaluations or rule packs, and it cannot drop
--                    the triggers that keep finalised decisions immutable (it owns no table).
-- Logins:  CREATE ROLE dr_meier LOGIN IN ROLE consilium_user;  (password or certificate as the site
-- decides; Consilium reads none: libpq takes it from ~/.pgpass, PGPASSWORD or a service file).
CREATE ROLE consilium_owner LOGIN;
CREATE ROLE consilium_user NOLOGIN;
CREATE DATABASE consilium OWNER consilium_owner;
\connect consilium
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO consilium_user;
