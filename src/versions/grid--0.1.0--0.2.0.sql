-- grid 0.1.0 -> 0.2.0.  Run by ALTER EXTENSION grid UPDATE.  After it, a
-- database is what CREATE EXTENSION grid installs at 0.2.0 (test/upgrade.sh
-- compares the two catalogues and checks that no row was lost).
\echo Use "ALTER EXTENSION grid UPDATE" to load this file. \quit
