-- 011_marker_post_open: the period of the post responsible for a marker
-- today moves onto the marker's row (markers.unit_id, which it already
-- had, and markers.post_from, the date that post took the marker over);
-- marker_posts keeps the closed periods only. A marker is registered
-- with one row in markers and one in marker_conditions instead of three
-- rows, and the open period can no longer disagree with markers.unit_id.
--
-- Why: an import of 100,000 markers (bench/import, issue 4's < 2 s
-- target) spends most of its time in SQLite writing rows into B-trees.
-- The open period's row cost three of the twelve B-tree inserts a marker
-- took (marker_posts, its primary key, marker_posts_unit) and a fifth of
-- the bare-SQLite floor's time (bench/README.md, "The border registry").
--
-- The indexes, query by query (EXPLAIN QUERY PLAN on SQLite and
-- PostgreSQL, bench/README.md), all kept:
--  - markers' primary key: a marker by id, and every foreign key to it;
--    UNIQUE (border, number): the rule, and number_free's look-up;
--    markers_lon_lat: bounding boxes (lists, map); markers_unit: the
--    scope filter of lists without a box, and the reports' markers of a
--    unit's post today (report_counts.c); markers_sort: the lists' order
--    and cursor, and the exports that stream in that order.
--  - marker_posts' primary key (marker_id, valid_from): a marker's page;
--    marker_posts_unit: the reports' markers of a unit on a past date
--    (report_counts.c), now over closed periods only, few rows.
--  - marker_conditions' primary key: a condition record sent again by its
--    client id; marker_conditions_marker (marker_id, date): a marker's
--    history, its latest condition, and the reports' condition on a date.
-- Dropping marker_posts_unit or markers_unit, or narrowing
-- marker_conditions_marker to marker_id alone, were measured too: each
-- within the noise (bench/README.md), and each serves a query above.
ALTER TABLE markers ADD COLUMN post_from TEXT;
UPDATE markers SET post_from = COALESCE((SELECT p.valid_from FROM marker_posts p
    WHERE p.marker_id = markers.id AND p.valid_to IS NULL), SUBSTR(created_at, 1, 10));
DELETE FROM marker_posts WHERE valid_to IS NULL;
