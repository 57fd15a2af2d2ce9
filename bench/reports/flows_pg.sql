-- flows_pg.sql - report_flows made again from the activities, as
-- `bienphong report rebuild` does (the statement of report_flows_apply in
-- src/domain/report_rollup.c, for every activity), for run.sh to use on
-- PostgreSQL when bienphong's own rebuild is cancelled by the 60 s
-- statement_timeout its connections set (src/db/db_pg.c). report_ancestry
-- must be in place (run.sh has bienphong rebuild it before the activities
-- are loaded).
DELETE FROM report_flows;
INSERT INTO report_flows (unit_id, period, type_code, indicator_code, total)
SELECT unit_id, period, type_code, indicator_code, total FROM (
    SELECT r.ancestor_id AS unit_id, substr(a.date_from, 1, p.len) AS period, a.type_code AS type_code,
           v.key AS indicator_code, CAST(SUM(CAST(v.value AS BIGINT)) AS BIGINT) AS total
      FROM activities a CROSS JOIN jsonb_each(a.vals) v
      JOIN report_ancestry r ON r.unit_id = a.unit_id
           AND r.valid_from <= a.date_from AND r.valid_to > a.date_from
     CROSS JOIN (SELECT 4 AS len UNION ALL SELECT 7) p
     GROUP BY r.ancestor_id, substr(a.date_from, 1, p.len), a.type_code, v.key
    UNION ALL
    SELECT r.ancestor_id, substr(a.date_from, 1, p.len), a.type_code, '', CAST(COUNT(*) AS BIGINT)
      FROM activities a JOIN report_ancestry r ON r.unit_id = a.unit_id
           AND r.valid_from <= a.date_from AND r.valid_to > a.date_from
     CROSS JOIN (SELECT 4 AS len UNION ALL SELECT 7) p
     GROUP BY r.ancestor_id, substr(a.date_from, 1, p.len), a.type_code
) q
ON CONFLICT (unit_id, period, type_code, indicator_code)
DO UPDATE SET total = report_flows.total + excluded.total;
