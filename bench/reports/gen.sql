-- gen.sql - the data of the report benchmark (bench/reports/run.sh), in
-- the SQL that SQLite and PostgreSQL both accept, so that the two engines
-- hold the very same rows and must give the very same figures.
--
-- Run on a database made by `bienphong init` (schema and catalog), with
-- @ACTIVITIES@ replaced by the number of activities. It adds:
--
--   - the nation VN, 30 provinces P01..P30, 8 districts in each
--     (P01-D1..P01-D8), 10 communes in each district (P01-D1-X01..X10) and
--     8 border posts in each province (P01-DBP1..8), from 2010;
--   - on 2022-07-01, a reform like that of 1 July 2025: the districts are
--     dissolved and their communes move under the province; in every
--     district communes X01, X02 and X03 merge into a new commune
--     (P01-M1, with succession links from the three); commune X10 of
--     district D1 of each province moves to the next province (P01 to
--     P02 ... P30 to P01), so that a province's year is split by date;
--   - @ACTIVITIES@ activities of the catalog's types on days 1-28 of the
--     months of 2015-2024, recorded by the communes and posts that exist
--     on their day (the merged communes before the reform, the new
--     commune after it), each with a value for every indicator of its
--     type, in the type's usual range.
--
-- The helper tables are temporary, and analyzed once filled so that
-- PostgreSQL plans the joins on their real sizes.
--
-- Nothing here is random: every choice is a fixed hash of the row's
-- number (two linear congruential steps with different moduli), so a run
-- on either engine gives the same database.

-- Numbers 0..9999, and through a cross join 0..99,999,999.
CREATE TEMP TABLE bench_n (n INTEGER PRIMARY KEY);
INSERT INTO bench_n (n)
    WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 9999)
    SELECT n FROM c;
ANALYZE bench_n;

-- The days of the ten years, days 1-28 of each month: k 0..3359 in order.
CREATE TEMP TABLE bench_days (k INTEGER PRIMARY KEY, day TEXT NOT NULL);
INSERT INTO bench_days (k, day)
    SELECT n, CAST(2015 + n / 336 AS TEXT) || '-'
              || CASE WHEN (n / 28) % 12 + 1 < 10 THEN '0' ELSE '' END || CAST((n / 28) % 12 + 1 AS TEXT) || '-'
              || CASE WHEN n % 28 + 1 < 10 THEN '0' ELSE '' END || CAST(n % 28 + 1 AS TEXT)
      FROM bench_n WHERE n < 3360;
ANALYZE bench_days;

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

-- Who records: every commune and post, by an actor number k; a merged
-- commune's activities go to the new commune from the reform on.
CREATE TEMP TABLE bench_actors (k INTEGER PRIMARY KEY, before_id TEXT NOT NULL, after_id TEXT NOT NULL);
INSERT INTO bench_actors (k, before_id, after_id)
    SELECT ROW_NUMBER() OVER (ORDER BY num) - 1,
           '00000000-0000-4000-8000-' || CAST(100000000000 + num AS TEXT),
           '00000000-0000-4000-8000-' || CAST(100000000000 +
               CASE WHEN kind = 'commune' AND valid_to IS NOT NULL
                    THEN 3000000 + 100 * ((num - 1000000) / 10000) + (num / 100) % 100 ELSE num END AS TEXT)
      FROM bench_units WHERE kind IN ('commune', 'border_post') AND num < 3000000;
ANALYZE bench_actors;

-- Which type, by a number 0..999: the share of each type in a thousand.
CREATE TEMP TABLE bench_type_shares (type_code TEXT PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL);
INSERT INTO bench_type_shares (type_code, lo, hi) VALUES
    ('tuyen_truyen', 0, 159), ('tuyen_truyen_nho_le', 160, 269), ('phat_tai_lieu', 270, 359),
    ('ky_cam_ket', 360, 419), ('tap_huan', 420, 449), ('phat_quang_tu_sua', 450, 669),
    ('xay_dung_duong', 670, 699), ('tuan_tra_nhan_dan', 700, 839), ('luy_tre', 840, 859),
    ('thap_sang', 860, 874), ('duong_co', 875, 884), ('nang_buoc', 885, 899), ('con_nuoi', 900, 909),
    ('mai_am', 910, 919), ('xuan_bien_phong', 920, 949), ('ket_nghia_giao_luu', 950, 959),
    ('doi_ngoai', 960, 969), ('ngay_hoi_bptd', 970, 979), ('tin_bao', 980, 994), ('dien_tap', 995, 999);
CREATE TEMP TABLE bench_type_pick (p INTEGER PRIMARY KEY, type_code TEXT NOT NULL);
INSERT INTO bench_type_pick (p, type_code)
    SELECT n.n, s.type_code FROM bench_n n JOIN bench_type_shares s ON n.n BETWEEN s.lo AND s.hi;
ANALYZE bench_type_pick;

-- An indicator's value: (lo + h % span) * step thousandths.
CREATE TEMP TABLE bench_ranges (indicator_code TEXT PRIMARY KEY, lo BIGINT NOT NULL, span BIGINT NOT NULL,
                                step BIGINT NOT NULL);
INSERT INTO bench_ranges (indicator_code, lo, span, step) VALUES
    ('buoi', 1, 3, 1000), ('luot_nguoi', 5, 146, 1000), ('to_roi', 20, 281, 1000),
    ('bo_tai_lieu', 0, 7, 1000), ('ho', 5, 76, 1000), ('lan', 1, 2, 1000),
    ('km', 5, 76, 100),                       -- 0,5 to 8,0 km
    ('ngay_cong', 0, 81, 500),                -- 0 to 40 workdays, by halves
    ('kinh_phi', 20, 2981, 100000000),        -- 2 to 300 million đồng, by 100.000
    ('goc_tre', 50, 1951, 1000), ('cot_den', 5, 56, 1000), ('cot_co', 10, 91, 1000),
    ('hoc_sinh', 1, 5, 1000), ('nha', 1, 2, 1000), ('suat_qua', 20, 281, 1000),
    ('luot_kham', 20, 281, 1000), ('cuoc', 1, 2, 1000), ('tin', 1, 5, 1000),
    ('tin_gia_tri', 0, 3, 1000), ('lop', 1, 3, 1000);
ANALYZE bench_ranges;

-- The activities: for activity number i, a type, an actor and a day, each
-- from its own hash of i (in BIGINT: PostgreSQL's INTEGER would overflow).
CREATE TEMP TABLE bench_acts (i INTEGER PRIMARY KEY, p INTEGER NOT NULL, k INTEGER NOT NULL, d INTEGER NOT NULL);
INSERT INTO bench_acts (i, p, k, d)
    SELECT i,
           ((i * 48271 + 11) % 2147483647 * 69621 + 7) % 2147483629 % 1000,
           ((i * 16807 + 3) % 2147483647 * 39373 + 5) % 2147483629 % (SELECT COUNT(*) FROM bench_actors),
           ((i * 62089911 + 1) % 2147483647 * 92717 + 13) % 2147483629 % 3360
      FROM (SELECT CAST(a.n AS BIGINT) * 10000 + b.n AS i FROM bench_n a, bench_n b
             WHERE a.n <= (@ACTIVITIES@ - 1) / 10000 AND a.n * 10000 + b.n < @ACTIVITIES@) x;
ANALYZE bench_acts;

INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title, notes, lon, lat, marker_id,
                        import_id, created_by, created_at, updated_at)
    SELECT '00000000-0000-4000-a000-' || CAST(100000000000 + x.i AS TEXT), t.type_code,
           CASE WHEN dd.day < '2022-07-01' THEN ac.before_id ELSE ac.after_id END,
           dd.day, dd.day, at.name_vi || ', thôn số ' || CAST(x.i % 40 + 1 AS TEXT), NULL, NULL, NULL, NULL,
           NULL, 'bench', dd.day || 'T08:00:00Z', dd.day || 'T08:00:00Z'
      FROM bench_acts x
      JOIN bench_type_pick t ON t.p = x.p
      JOIN activity_types at ON at.code = t.type_code
      JOIN bench_actors ac ON ac.k = x.k
      JOIN bench_days dd ON dd.k = x.d
     ORDER BY x.i;

INSERT INTO activity_values (activity_id, indicator_code, value_milli)
    SELECT '00000000-0000-4000-a000-' || CAST(100000000000 + x.i AS TEXT), r.indicator_code,
           (r.lo + ((CAST(x.i AS BIGINT) * 1103515245 + ti.position * 1234577) % 2147483647 * 40692 + 17)
                   % 2147483399 % r.span) * r.step
      FROM bench_acts x
      JOIN bench_type_pick t ON t.p = x.p
      JOIN activity_type_indicators ti ON ti.type_code = t.type_code
      JOIN bench_ranges r ON r.indicator_code = ti.indicator_code
     ORDER BY x.i, r.indicator_code;

DROP TABLE bench_acts;
DROP TABLE bench_ranges;
DROP TABLE bench_type_pick;
DROP TABLE bench_type_shares;
DROP TABLE bench_actors;
DROP TABLE bench_units;
DROP TABLE bench_days;
DROP TABLE bench_n;
