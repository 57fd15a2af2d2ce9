-- gen_activities.sql - the activities of the report benchmark
-- (bench/reports/run.sh), in the SQL that SQLite and PostgreSQL both
-- accept, so that the two engines hold the very same rows and must give
-- the very same figures. Run after gen_units.sql, with @ACTIVITIES@
-- replaced by the number of activities and @OBJECT_AGG@ by the engine's
-- aggregate that makes a JSON object (json_group_object on SQLite,
-- jsonb_object_agg on PostgreSQL). It adds @ACTIVITIES@ activities of
-- the catalog's types on days 1-28 of the months of 2015-2024, recorded by
-- the communes and posts that exist on their day (the merged communes
-- before the reform, the new commune after it), each with a value for
-- every indicator of its type, in the type's usual range.
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

-- Who records: every commune and post of 2010, by an actor number k in
-- the order of their ids; a merged commune's activities go to the commune
-- it was merged into from the reform on.
CREATE TEMP TABLE bench_actors (k INTEGER PRIMARY KEY, before_id TEXT NOT NULL, after_id TEXT NOT NULL);
INSERT INTO bench_actors (k, before_id, after_id)
    SELECT ROW_NUMBER() OVER (ORDER BY u.id) - 1, u.id,
           COALESCE((SELECT l.to_unit FROM unit_succession_links l WHERE l.from_unit = u.id), u.id)
      FROM units u WHERE u.kind IN ('commune', 'border_post') AND u.valid_from = '2010-01-01';
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
                        import_id, created_by, created_at, updated_at, vals)
    SELECT '00000000-0000-4000-a000-' || CAST(100000000000 + x.i AS TEXT), t.type_code,
           CASE WHEN dd.day < '2022-07-01' THEN ac.before_id ELSE ac.after_id END,
           dd.day, dd.day, at.name_vi || ', thôn số ' || CAST(x.i % 40 + 1 AS TEXT), NULL, NULL, NULL, NULL,
           NULL, 'bench', dd.day || 'T08:00:00Z', dd.day || 'T08:00:00Z',
           COALESCE((SELECT @OBJECT_AGG@(r.indicator_code,
                            (r.lo + ((CAST(x.i AS BIGINT) * 1103515245 + ti.position * 1234577) % 2147483647 * 40692 + 17)
                                    % 2147483399 % r.span) * r.step)
                       FROM activity_type_indicators ti JOIN bench_ranges r ON r.indicator_code = ti.indicator_code
                      WHERE ti.type_code = t.type_code), '{}')
      FROM bench_acts x
      JOIN bench_type_pick t ON t.p = x.p
      JOIN activity_types at ON at.code = t.type_code
      JOIN bench_actors ac ON ac.k = x.k
      JOIN bench_days dd ON dd.k = x.d
     ORDER BY x.i;

DROP TABLE bench_acts;
DROP TABLE bench_ranges;
DROP TABLE bench_type_pick;
DROP TABLE bench_type_shares;
DROP TABLE bench_actors;
DROP TABLE bench_days;
DROP TABLE bench_n;
