-- plain_pg.sql - the report's flows without the roll-up (PostgreSQL; the
-- same query as plain.sql): for the unit :'unit' (a code) and the days
-- :'pf' (first) to :'pt' (the day after the last), the number of
-- activities of each type (indicator_code '') and the sum of each
-- indicator of each type, in thousandths, straight from activities and
-- their values (activities.vals).
--
-- An activity counts when its unit stood under :'unit' on its date_from:
-- through parent periods (unit_parents) valid that day, and through
-- succession links (a unit merged or split into a unit of the subtree
-- brings what was recorded under it). A parent period that ends with the
-- unit itself stays open, as in unit_edges (a dissolved district's
-- records stay in its province). The walk goes down from :'unit'
-- keeping, for each unit reached, the days on which the path to it holds
-- (the intersection of the parent periods along it; a succession link
-- keeps the days of its successor). A unit reached by two paths is read
-- once, its activities kept when any of its paths holds on their day.
--
--   psql -v unit=P01 -v pf=2023-01-01 -v pt=2024-01-01 -f plain_pg.sql URL
WITH RECURSIVE
edges(child, up, vf, vt) AS (
    SELECT p.unit_id, p.parent_id, p.valid_from,
           CASE WHEN p.valid_to IS NULL OR p.valid_to = u.valid_to THEN '9999-12-31' ELSE p.valid_to END
      FROM unit_parents p JOIN units u ON u.id = p.unit_id
    UNION ALL
    SELECT from_unit, to_unit, '0000-01-01', '9999-12-31' FROM unit_succession_links
),
sub(unit_id, f, t) AS (
    SELECT id, CAST(:'pf' AS TEXT), CAST(:'pt' AS TEXT) FROM units WHERE code = :'unit'
    UNION
    SELECT e.child, CASE WHEN e.vf > s.f THEN e.vf ELSE s.f END, CASE WHEN e.vt < s.t THEN e.vt ELSE s.t END
      FROM sub s JOIN edges e ON e.up = s.unit_id
     WHERE e.vf < s.t AND e.vt > s.f
),
acts(id, type_code, vals) AS (
    SELECT a.id, a.type_code, a.vals
      FROM (SELECT DISTINCT unit_id FROM sub) u
      JOIN activities a ON a.unit_id = u.unit_id AND a.date_from >= :'pf' AND a.date_from < :'pt'
     WHERE EXISTS (SELECT 1 FROM sub s WHERE s.unit_id = a.unit_id AND s.f <= a.date_from AND a.date_from < s.t)
)
SELECT type_code, '' AS indicator_code, COUNT(*) AS total FROM acts GROUP BY type_code
UNION ALL
SELECT a.type_code, v.key, SUM(CAST(v.value AS BIGINT))
  FROM acts a CROSS JOIN jsonb_each(a.vals) v
 GROUP BY a.type_code, v.key
 ORDER BY 1, 2;
