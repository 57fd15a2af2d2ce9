-- 002_unit_edges_table: the edges of access scope become a table.
--
-- Walking a view of three joined tables at every step of a recursive
-- query made each scope check cost time in proportion to the number of
-- units. The table holds the same rows, indexed both ways, and the writes
-- to the tree (src/domain/units.c) refresh the rows of the units they
-- touch in the same transaction. unit_edges_derived keeps the definition;
-- a test checks that the two always agree.
DROP VIEW unit_edges;

CREATE VIEW unit_edges_derived AS
    SELECT p.unit_id AS child, p.parent_id AS up, p.valid_from AS valid_from,
           CASE WHEN p.valid_to = u.valid_to THEN NULL ELSE p.valid_to END AS valid_to
      FROM unit_parents p JOIN units u ON u.id = p.unit_id
    UNION ALL
    SELECT l.from_unit, l.to_unit, s.date, NULL
      FROM unit_succession_links l JOIN unit_successions s ON s.id = l.succession_id
    UNION ALL
    SELECT commune_id, post_id, valid_from, valid_to FROM post_communes;

CREATE TABLE unit_edges (
    child       TEXT NOT NULL REFERENCES units(id),
    up          TEXT NOT NULL REFERENCES units(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT
);
CREATE INDEX unit_edges_child ON unit_edges (child, valid_from);
CREATE INDEX unit_edges_up ON unit_edges (up, valid_from);

INSERT INTO unit_edges (child, up, valid_from, valid_to)
    SELECT child, up, valid_from, valid_to FROM unit_edges_derived;
