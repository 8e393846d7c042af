-- Roles that come with the extension: one NOLOGIN group role per job, with
-- exactly the privileges that job's functions need.  Setting up a person is
--
--     GRANT grid_ingest TO person;
--     SELECT grid.grant_scope('person', '420503004001');
--
-- The role gives the privileges, the scope the rows (row-level security).
-- No bundle holds a table-wide write that opens a side channel: no
-- TRUNCATE, TRIGGER or REFERENCES, no privilege on a sequence (identity
-- columns need none), no write on the tables grid keeps itself
-- (grid.health_day, grid.ingest_batch, grid.lookup_audit,
-- grid.access_scope, the division registry, the map), and UPDATE only on
-- the columns a function changes.  Functions are EXECUTE to PUBLIC unless
-- revoked; a bundle is granted EXECUTE on its job's entry points as well,
-- so that it keeps working where a deployment revokes them from PUBLIC.
--
-- Roles belong to the cluster: they are created only if missing, shared by
-- every database that installs grid, and survive DROP EXTENSION (which
-- takes their privileges on its objects with it).  This file comes last:
-- it grants on objects of every concern.
DO $do$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['grid_reader', 'grid_ingest', 'grid_worker', 'grid_registry', 'grid_linker'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$do$;
COMMENT ON ROLE grid_reader IS
    'grid: reads the daily reports (grid.report_*, grid.command_map and its GeoJSON, grid.report_csv) and the tables they read, within the member''s scopes; writes nothing (cluster-wide, survives DROP EXTENSION)';
COMMENT ON ROLE grid_ingest IS
    'grid: an ingesting channel: stages rows, runs grid.ingest_app/sms/voice/proxy/checkpoint, reads its batches and rejects, within the member''s scopes (cluster-wide, survives DROP EXTENSION)';
COMMENT ON ROLE grid_worker IS
    'grid: a grid worker: reads the residents of its scopes, reports for them (grid.stage_proxy, grid.ingest_proxy) and resolves the review queue (grid.resolve_review) (cluster-wide, survives DROP EXTENSION)';
COMMENT ON ROLE grid_registry IS
    'grid: edits the resident registry (residents, households, addresses, houses, work units) within the member''s scopes (cluster-wide, survives DROP EXTENSION)';
COMMENT ON ROLE grid_linker IS
    'grid: loads source batches and records, links them (grid.link_batch) and decides links (grid.decide_link) within the member''s scopes (cluster-wide, survives DROP EXTENSION)';

-- Report reader: what the report functions and views read.
GRANT SELECT ON grid.division, grid.resident, grid.standard_address, grid.cell, grid.checkpoint,
                grid.health_report, grid.health_day, grid.key_person, grid.unreached, grid.returnee,
                grid.checkpoint_passage, grid.service_request, grid.team_member, grid.team_checkpoint, grid.team,
                grid.report_archive, grid.village_boundary, grid.division_boundary,
                grid.cell_fact, grid.cell_day, grid.temperature_cells,
                grid.temperature_daily, grid.not_reported_daily, grid.key_persons_daily, grid.key_person_counts_daily,
                grid.returnees_daily, grid.screening_daily, grid.checkpoints_daily, grid.services_daily, grid.teams_daily
   TO grid_reader;
GRANT SELECT ON grid.village_day, grid.key_person_day, grid.service_day, grid.checkpoint_day TO grid_reader;
GRANT SELECT ON grid.key_person_resident, grid.key_person_reading TO grid_reader;
GRANT EXECUTE ON FUNCTION
    grid.report_temperature(date, grid.division_code), grid.report_not_reported(date, grid.division_code),
    grid.report_key_persons(date, grid.division_code), grid.report_key_person_counts(date, grid.division_code),
    grid.report_returnees(date, grid.division_code), grid.report_screening(date, grid.division_code),
    grid.report_checkpoints(date, grid.division_code), grid.report_services(date, grid.division_code),
    grid.report_teams(date, grid.division_code), grid.report_catalog(), grid.report_csv(text, date, grid.division_code, text),
    grid.command_map(grid.division_code, date), grid.command_map_geojson(grid.division_code, date),
    grid.map_features(grid.division_code, date), grid.map_layout(grid.division_code, date), grid.report_days()
   TO grid_reader;

-- Ingesting channel: stage (INSERT; SELECT and DELETE of its own rows,
-- which the ingest functions take), and what grid.ingest_* read and write.
-- The batch log is written by SECURITY DEFINER functions: the channel
-- only reads its own batches.
GRANT SELECT, INSERT, DELETE ON grid.stage_app, grid.stage_sms, grid.stage_voice, grid.stage_proxy, grid.stage_checkpoint
   TO grid_ingest;
-- Review entries and rejects are numbered by their sequences only: the
-- review queue's key begins with the sender (ID or phone), so that an
-- entry under a number of the role's choosing would tell whether another
-- village's queue holds that sender's entry of that number.
GRANT SELECT ON grid.resident, grid.division, grid.cell, grid.checkpoint, grid.ingest_batch TO grid_ingest;
GRANT SELECT, INSERT ON grid.health_report TO grid_ingest;
-- Key-person entries are numbered by their sequence only: the key begins
-- with the resident, who may have moved, and a number of the role's
-- choosing would tell whether his former village holds that entry.
GRANT SELECT ON grid.key_person TO grid_ingest;
GRANT INSERT (resident_id, category, division, period_start, period_end, status, reason, opened_by, opened_at, closed_at, place)
   ON grid.key_person TO grid_ingest;
GRANT SELECT ON grid.ingest_reject TO grid_ingest;
GRANT INSERT (batch_id, channel, raw, reason, division, rejected_at) ON grid.ingest_reject TO grid_ingest;
GRANT INSERT ON grid.unreached, grid.checkpoint_passage TO grid_ingest;
GRANT INSERT (sender_key, channel, report_minute, reported_at, id_text, phone, name, temperature, symptoms, outcome,
              division, cell, reported_by, best_candidate, best_score, batch_id)
   ON grid.report_review TO grid_ingest;
GRANT EXECUTE ON FUNCTION grid.ingest_app(text), grid.ingest_sms(text), grid.ingest_voice(text), grid.ingest_proxy(text),
                          grid.ingest_checkpoint(text)
   TO grid_ingest;
-- The JSON entry point stages and ingests the same way, and keeps the
-- client's record keys (its own, under row-level security).
-- It reads back, within the caller's scope, what each record became.
GRANT SELECT, INSERT, UPDATE ON grid.submitted_record TO grid_ingest;
GRANT SELECT ON grid.unreached, grid.report_review TO grid_ingest;
GRANT EXECUTE ON FUNCTION grid.submit(text, jsonb) TO grid_ingest;

-- Grid worker: reads the residents of its scopes, reports for them through
-- the proxy channel, and resolves the review queue (grid.resolve_review
-- marks an entry resolved: UPDATE of those two columns only).
GRANT SELECT, INSERT, DELETE ON grid.stage_proxy TO grid_worker;
GRANT SELECT ON grid.resident, grid.ingest_batch TO grid_worker;
GRANT SELECT, INSERT ON grid.health_report TO grid_worker;
GRANT SELECT ON grid.key_person TO grid_worker;
GRANT INSERT (resident_id, category, division, period_start, period_end, status, reason, opened_by, opened_at, closed_at, place)
   ON grid.key_person TO grid_worker;
GRANT SELECT ON grid.ingest_reject, grid.report_review TO grid_worker;
GRANT INSERT (batch_id, channel, raw, reason, division, rejected_at) ON grid.ingest_reject TO grid_worker;
GRANT INSERT (sender_key, channel, report_minute, reported_at, id_text, phone, name, temperature, symptoms, outcome,
              division, cell, reported_by, best_candidate, best_score, batch_id)
   ON grid.report_review TO grid_worker;
GRANT INSERT ON grid.unreached TO grid_worker;
GRANT UPDATE (resolved_at, best_candidate) ON grid.report_review TO grid_worker;
GRANT EXECUTE ON FUNCTION grid.ingest_proxy(text), grid.resolve_review(bigint, grid.resident_id),
                          grid.resolve_review(text, text, timestamptz, grid.resident_id)
   TO grid_worker;

-- Registry editor: the resident registry.  Moving a resident moves the
-- rows filed with them (grid.resident_moved, SECURITY DEFINER): the editor
-- needs no privilege on those tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON grid.resident, grid.household, grid.standard_address, grid.house, grid.work_unit
   TO grid_registry;

-- Linker: loads source batches and records, links them (grid.link_batch
-- writes grid.record_link and stamps the batch's linked_at) and decides
-- links (grid.decide_link).  The candidates are found by the look-up
-- functions (owned by grid_lookup), which read the registry themselves.
GRANT SELECT ON grid.source, grid.resident TO grid_linker;
GRANT SELECT, INSERT ON grid.source_batch, grid.source_record, grid.record_link TO grid_linker;
GRANT UPDATE (linked_at) ON grid.source_batch TO grid_linker;
GRANT UPDATE (resident_id, score, decision, method, decided_by, decided_at, explanation) ON grid.record_link
   TO grid_linker;
GRANT SELECT, INSERT, UPDATE ON grid.batch_weights TO grid_linker;
GRANT EXECUTE ON FUNCTION grid.link_batch(bigint, real, real, real, integer, text), grid.decide_link(bigint, grid.resident_id, text)
   TO grid_linker;

-- grid's SECURITY DEFINER trigger functions run from their triggers only:
-- nobody executes them or attaches them to a table of their own (the
-- event trigger grid_refuse_foreign_ddl refuses that too, to a role
-- granted EXECUTE on every function).
DO $revoke$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'grid'::regnamespace AND p.prosecdef
                AND p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
              ORDER BY p.oid::regprocedure::text LOOP
        EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END
$revoke$;
