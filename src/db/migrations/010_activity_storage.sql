-- 010_activity_storage: fewer B-trees written per activity and per value,
-- so that a bulk import stores 200,000 indicator values a second
-- (issue 5; bench/activities, bench/README.md "Bulk import of
-- activities"). Each row of activities wrote six B-trees and each value
-- two; on a file of 200,000 activities SQLite's part of the import was
-- three quarters of its time.
--
-- activities_type_date (type_code, date_from) goes: no query needs it.
-- The lists and the export filter by type while paging in the order of
-- (date_from, id), which activities_date serves (a type is a sixth to a
-- twentieth of the activities, so a page reads a few hundred entries of
-- it); the totals and the reports select by unit and date
-- (activities_unit_date) or read report_flows.
--
-- activities_import (import_id) goes: nothing selects activities by
-- their import any more (the reports' sums of a file are added up while
-- it is stored, report_flows_acc.c), and imports are never deleted, so
-- the foreign key is never checked from that side.
--
-- activities_date (date_from, id) and activities_unit_date (unit_id,
-- date_from) stay: the first gives the lists and the export their pages
-- in order without sorting the province's activities for each page, and
-- the odd days of a report their activities; the second a unit
-- subtree's activities over a period (totals, reports, stocks).
DROP INDEX activities_type_date;
DROP INDEX activities_import;

-- activity_values on SQLite becomes a WITHOUT ROWID table: the rows are
-- kept in the B-tree of the primary key (activity_id, indicator_code)
-- itself, where a table with a rowid keeps them once in the table and
-- again in the key's index; one B-tree insert a value instead of two,
-- and a third less space. PostgreSQL has no such table (its tables are
-- heaps beside their indexes) and keeps its activity_values as it is:
-- the statements below run on SQLite only (see src/db/migrate.c). The
-- table is made anew under the same name, with the same columns and
-- constraints; no table refers to it.
-- only: sqlite
CREATE TABLE activity_values_new (
    activity_id     TEXT NOT NULL REFERENCES activities(id),
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    value_milli     BIGINT NOT NULL,        -- thousandths of the indicator's unit
    PRIMARY KEY (activity_id, indicator_code)
) WITHOUT ROWID;
-- only: sqlite
INSERT INTO activity_values_new (activity_id, indicator_code, value_milli)
    SELECT activity_id, indicator_code, value_milli FROM activity_values;
-- only: sqlite
DROP TABLE activity_values;
-- only: sqlite
ALTER TABLE activity_values_new RENAME TO activity_values;
