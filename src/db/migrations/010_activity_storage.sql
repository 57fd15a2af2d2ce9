-- 010_activity_storage: fewer B-trees written per activity and per
-- value, for the speed of bulk imports (issue 5's target: 200,000
-- indicator values a second into SQLite; bench/activities,
-- bench/README.md "Bulk import of activities"). Each row of activities
-- wrote six B-trees and each value two; on a file of 200,000 activities
-- SQLite's part of the import was about 70 % of its time.
--
-- activities_import (import_id) goes: nothing selects activities by
-- their import any more (the reports' sums of a file are added up while
-- it is stored, report_flows_acc.c), and imports are never deleted, so
-- the foreign key is never checked from that side.
--
-- The three date indexes stay, each for a query that would be slow
-- without it (measured on 204,000 activities, bench/README.md):
-- activities_date (date_from, id) gives the lists and the export their
-- pages in order without sorting the scope's activities for each page;
-- activities_unit_date (unit_id, date_from) a unit subtree's activities
-- over a period (totals, a report's odd days); activities_type_date
-- (type_code, date_from) the list of a rare type over a province:
-- without it the list walks the whole date index and reads every
-- activity's row to find its type (0.37 s instead of 14 ms for the
-- demo's Border Day festivals among 204,000 activities, and growing with
-- them). It costs the import a few per cent (one B-tree insert of 30
-- bytes an activity, nearly in order).
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
