-- 012_report_reads: what a report reads, laid out for reading
-- (bench/reports).
--
-- report_flows is kept in its key's order on SQLite. A report reads it by
-- (unit_id, period): a province's year is some 700 rows, the nation's ten
-- years 20,000. In a rowid table each of them is a lookup of its own into
-- pages filled in the order the activities came in; WITHOUT ROWID stores
-- the rows in the key's order, so a unit's period is a few adjacent
-- pages, and a write is one B-tree, not two. PostgreSQL keeps its heap
-- and primary key index (it has no such table).

-- only: sqlite
CREATE TABLE report_flows_new (
    unit_id         TEXT NOT NULL REFERENCES units(id),
    period          TEXT NOT NULL,
    type_code       TEXT NOT NULL,
    indicator_code  TEXT NOT NULL,
    total           BIGINT NOT NULL,
    PRIMARY KEY (unit_id, period, type_code, indicator_code)
) WITHOUT ROWID;

-- only: sqlite
INSERT INTO report_flows_new (unit_id, period, type_code, indicator_code, total)
SELECT unit_id, period, type_code, indicator_code, total FROM report_flows;

-- only: sqlite
DROP TABLE report_flows;

-- only: sqlite
ALTER TABLE report_flows_new RENAME TO report_flows;

-- Every stock and direction count of a report starts from the subtrees
-- of its columns as of a date: report_ancestry by ancestor_id with the
-- dates. With the dates in the index that is read from the index alone,
-- not a lookup into the table for each of the nation's 6,000 pairs.
DROP INDEX report_ancestry_ancestor;
CREATE INDEX report_ancestry_ancestor ON report_ancestry (ancestor_id, unit_id, valid_from, valid_to);
