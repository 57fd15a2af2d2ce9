-- 013_report_flows_order: report_flows kept near its key's order on
-- PostgreSQL (bench/reports).
--
-- A report reads report_flows by (unit_id, period): the nation's ten
-- years are 20,000 rows. SQLite keeps them in the key's order (012,
-- WITHOUT ROWID); a PostgreSQL heap keeps them where they were written,
-- and a rebuild that wrote them in the order its sums came out spread
-- those 20,000 rows over 3,927 pages (560 once in the key's order, and
-- the statement 5 ms instead of 25). A rebuild now writes them in the
-- key's order (report_rollup.c); a write after that updates a row's
-- total, and the room this leaves in each page lets the new version stay
-- on the same page (a HOT update) rather than move to the end of the
-- table. CLUSTER puts the rows of a database made before this in order
-- once.

-- only: postgresql
ALTER TABLE report_flows SET (fillfactor = 90);

-- only: postgresql
CLUSTER report_flows USING report_flows_pkey;
