-- gen_units.sql - the units of the report benchmark (bench/reports/run.sh),
-- in the SQL that SQLite and PostgreSQL both accept: run on a database
-- made by `bienphong init`, before gen_activities.sql. It adds:
--
--   - the nation VN, 30 provinces P01..P30, 8 districts in each
--     (P01-D1..P01-D8), 10 communes in each district (P01-D1-X01..X10) and
--     8 border posts in each province (P01-DBP1..8), from 2010;
--   - on 2022-07-01, a reform like that of 1 July 2025: the districts are
--     dissolved and their communes move under the province; in every
--     district communes X01, X02 and X03 merge into a new commune
--     (P01-M1, with succession links from the three); commune X10 of
--     district D1 of each province moves to the next province (P01 to
--     P02 ... P30 to P01), so that a province's year is split by date.

-- Numbers 0..9999, and through a cross join 0..99,999,999.
CREATE TEMP TABLE bench_n (n INTEGER PRIMARY KEY);
INSERT INTO bench_n (n)
    WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 9999)
    SELECT n FROM c;
ANALYZE bench_n;

-- A unit's id: a UUID-shaped text made of its number.
-- Units: nation 1; province p 100+p; district 10000+100p+d;
-- commune 1000000+10000p+100d+c; post 2000000+100p+j; merged 3000000+100p+d.
CREATE TEMP TABLE bench_units (
    num INTEGER PRIMARY KEY, code TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_to TEXT,
    parent INTEGER, parent_to TEXT,         -- the first parent, until parent_to
    parent2 INTEGER                         -- the parent from the reform on
);
INSERT INTO bench_units VALUES (1, 'VN', 'nation', 'Việt Nam', '2000-01-01', NULL, NULL, NULL, NULL);
INSERT INTO bench_units
    SELECT 100 + p.n, 'P' || CASE WHEN p.n < 10 THEN '0' ELSE '' END || CAST(p.n AS TEXT), 'province',
           'Tỉnh số ' || CAST(p.n AS TEXT), '2000-01-01', NULL, 1, NULL, NULL
      FROM bench_n p WHERE p.n BETWEEN 1 AND 30;
INSERT INTO bench_units
    SELECT 10000 + 100 * p.n + d.n, u.code || '-D' || CAST(d.n AS TEXT), 'district',
           'Huyện số ' || CAST(d.n AS TEXT) || ', ' || u.name, '2010-01-01', '2022-07-01', 100 + p.n, '2022-07-01', NULL
      FROM bench_n p JOIN bench_units u ON u.num = 100 + p.n, bench_n d
     WHERE p.n BETWEEN 1 AND 30 AND d.n BETWEEN 1 AND 8;
INSERT INTO bench_units
    SELECT 1000000 + 10000 * p.n + 100 * d.n + c.n,
           u.code || '-X' || CASE WHEN c.n < 10 THEN '0' ELSE '' END || CAST(c.n AS TEXT), 'commune',
           'Xã số ' || CAST(c.n AS TEXT) || ', ' || u.name, '2010-01-01',
           CASE WHEN c.n <= 3 THEN '2022-07-01' END,
           10000 + 100 * p.n + d.n, '2022-07-01',
           CASE WHEN c.n <= 3 THEN NULL
                WHEN c.n = 10 AND d.n = 1 THEN 100 + p.n % 30 + 1
                ELSE 100 + p.n END
      FROM bench_n p CROSS JOIN bench_n d JOIN bench_units u ON u.num = 10000 + 100 * p.n + d.n, bench_n c
     WHERE p.n BETWEEN 1 AND 30 AND d.n BETWEEN 1 AND 8 AND c.n BETWEEN 1 AND 10;
INSERT INTO bench_units
    SELECT 2000000 + 100 * p.n + j.n, u.code || '-DBP' || CAST(j.n AS TEXT), 'border_post',
           'Đồn Biên phòng số ' || CAST(j.n AS TEXT) || ', ' || u.name, '2010-01-01', NULL, 100 + p.n, NULL, NULL
      FROM bench_n p JOIN bench_units u ON u.num = 100 + p.n, bench_n j
     WHERE p.n BETWEEN 1 AND 30 AND j.n BETWEEN 1 AND 8;
INSERT INTO bench_units
    SELECT 3000000 + 100 * p.n + d.n, u.code || '-M' || CAST(d.n AS TEXT), 'commune',
           'Xã mới số ' || CAST(d.n AS TEXT) || ', ' || u.name, '2022-07-01', NULL, 100 + p.n, NULL, NULL
      FROM bench_n p JOIN bench_units u ON u.num = 100 + p.n, bench_n d
     WHERE p.n BETWEEN 1 AND 30 AND d.n BETWEEN 1 AND 8;

INSERT INTO units (id, code, kind, name, name_en, valid_from, valid_to, created_at, updated_at)
    SELECT '00000000-0000-4000-8000-' || CAST(100000000000 + num AS TEXT), code, kind, name, NULL,
           valid_from, valid_to, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
      FROM bench_units;
INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to)
    SELECT '00000000-0000-4000-8000-' || CAST(100000000000 + num AS TEXT),
           '00000000-0000-4000-8000-' || CAST(100000000000 + parent AS TEXT), valid_from,
           CASE WHEN parent_to IS NOT NULL THEN parent_to ELSE valid_to END
      FROM bench_units WHERE parent IS NOT NULL;
INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to)
    SELECT '00000000-0000-4000-8000-' || CAST(100000000000 + num AS TEXT),
           '00000000-0000-4000-8000-' || CAST(100000000000 + parent2 AS TEXT), '2022-07-01', NULL
      FROM bench_units WHERE parent2 IS NOT NULL;

-- One merge per district: X01, X02, X03 into the new commune M<d>.
INSERT INTO unit_successions (id, kind, date, note, created_at)
    SELECT '00000000-0000-4000-9000-' || CAST(100000000000 + num AS TEXT), 'merge', '2022-07-01',
           'Sắp xếp đơn vị hành chính cấp xã (bench)', '2026-01-01T00:00:00Z'
      FROM bench_units WHERE num >= 3000000;
INSERT INTO unit_succession_links (succession_id, from_unit, to_unit)
    SELECT '00000000-0000-4000-9000-' || CAST(100000000000 + m.num AS TEXT),
           '00000000-0000-4000-8000-' || CAST(100000000000 + c.num AS TEXT),
           '00000000-0000-4000-8000-' || CAST(100000000000 + m.num AS TEXT)
      FROM bench_units m JOIN bench_units c
        ON c.num BETWEEN 1000000 + 10000 * ((m.num - 3000000) / 100) + 100 * (m.num % 100) + 1
                     AND 1000000 + 10000 * ((m.num - 3000000) / 100) + 100 * (m.num % 100) + 3
     WHERE m.num >= 3000000;

-- The access-scope edges (migration 002), as units.c would leave them.
INSERT INTO unit_edges (child, up, valid_from, valid_to)
    SELECT child, up, valid_from, valid_to FROM unit_edges_derived;

DROP TABLE bench_units;
DROP TABLE bench_n;
