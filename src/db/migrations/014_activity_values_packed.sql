-- 014_activity_values_packed: an activity's indicator values are kept in
-- its own row, activities.vals, a JSON object of indicator code to value
-- in thousandths of the indicator's unit: {"luot_nguoi":120000,"buoi":1000}.
--
-- A value was a row of activity_values, one more B-tree insert each (two
-- text keys), and a bulk import wrote two values for every activity: a
-- fifth of an import's time went into that table (issue 5's target,
-- 200,000 values a second into SQLite; bench/README.md "Values in the
-- activity's row"). An activity's values are always written and read
-- together, with the activity, so nothing is lost by keeping them there.
-- The program checks each code against the catalog when a value comes in
-- (activity_store.c), as the foreign key to indicators did; indicators
-- are retired, never deleted, so a code in vals always names one.
--
-- SQLite keeps vals as JSON text, PostgreSQL as JSONB. The program reads
-- them with json_each (SQLite) or jsonb_each (PostgreSQL), which give a
-- member a row (key, value): db_json_each in src/db/db.h. activity_values
-- stays, as a view with the table's columns, for queries written by hand.

-- only: sqlite
ALTER TABLE activities ADD COLUMN vals TEXT NOT NULL DEFAULT '{}';

-- only: postgresql
ALTER TABLE activities ADD COLUMN vals JSONB NOT NULL DEFAULT '{}';

-- only: sqlite
UPDATE activities SET vals = (SELECT json_group_object(v.indicator_code, v.value_milli)
    FROM activity_values v WHERE v.activity_id = activities.id)
    WHERE id IN (SELECT activity_id FROM activity_values);

-- only: postgresql
UPDATE activities a SET vals = v.o
    FROM (SELECT activity_id, jsonb_object_agg(indicator_code, value_milli) AS o
          FROM activity_values GROUP BY activity_id) v
    WHERE v.activity_id = a.id;

DROP TABLE activity_values;

-- only: sqlite
CREATE VIEW activity_values AS
    SELECT a.id AS activity_id, v.key AS indicator_code, v.value AS value_milli
    FROM activities a, json_each(a.vals) v;

-- only: postgresql
CREATE VIEW activity_values AS
    SELECT a.id AS activity_id, v.key AS indicator_code, CAST(v.value AS BIGINT) AS value_milli
    FROM activities a, jsonb_each(a.vals) v;
