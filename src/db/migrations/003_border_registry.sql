-- 003_border_registry: the border registry - markers (cột mốc) with the
-- post responsible and their condition history, border line segments,
-- border gates and openings (cửa khẩu, lối mở), patrol and
-- marker-inspection roads. See src/domain/markers.c and its siblings.
--
-- Positions are WGS84 degrees in DOUBLE PRECISION (SQLite takes the name
-- and stores a REAL). Lines are stored as text, a JSON array of [lon, lat]
-- pairs, with their bounding box in four columns so that a map's bounding
-- box query is a range scan on an index in both engines; their length is
-- computed from the geometry (geodesic, src/geo/geometry.c), never taken
-- from input. Every row carries unit_id, the unit responsible for it
-- today, so that access scope filters with "unit_id IN (SELECT id FROM scope)".

CREATE TABLE markers (
    id              TEXT PRIMARY KEY,
    border          TEXT NOT NULL,          -- VN-CN | VN-LA | VN-KH
    number          TEXT NOT NULL,          -- as written on the marker: 1116, 1116/1
    sort_key        TEXT NOT NULL,          -- border and zero-padded number, for order and cursors
    type            TEXT NOT NULL,          -- main | secondary | mark
    form            TEXT NOT NULL,          -- single | pair | triple
    lon             DOUBLE PRECISION NOT NULL,
    lat             DOUBLE PRECISION NOT NULL,
    elevation       DOUBLE PRECISION,       -- metres
    built_by        TEXT,                   -- VN | CN | LA | KH | joint
    condition       TEXT NOT NULL,          -- good | damaged | moved | lost
    last_inspected  TEXT,
    notes           TEXT,
    unit_id         TEXT NOT NULL REFERENCES units(id),  -- the post responsible today
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (border, number)
);
CREATE INDEX markers_lon_lat ON markers (lon, lat);
CREATE INDEX markers_unit ON markers (unit_id);
CREATE INDEX markers_sort ON markers (sort_key);

-- Which post was responsible for a marker, and when; the open period's
-- post is markers.unit_id.
CREATE TABLE marker_posts (
    marker_id   TEXT NOT NULL REFERENCES markers(id),
    unit_id     TEXT NOT NULL REFERENCES units(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    PRIMARY KEY (marker_id, valid_from)
);
CREATE INDEX marker_posts_unit ON marker_posts (unit_id);

-- Every condition recorded for a marker; markers.condition is the one of
-- the latest date.
CREATE TABLE marker_conditions (
    id           TEXT PRIMARY KEY,
    marker_id    TEXT NOT NULL REFERENCES markers(id),
    condition    TEXT NOT NULL,
    date         TEXT NOT NULL,
    note         TEXT,
    recorded_by  TEXT NOT NULL,             -- the user's login name
    recorded_at  TEXT NOT NULL
);
CREATE INDEX marker_conditions_marker ON marker_conditions (marker_id, date);

CREATE TABLE segments (
    id           TEXT PRIMARY KEY,
    border       TEXT NOT NULL,
    from_marker  TEXT NOT NULL REFERENCES markers(id),
    to_marker    TEXT REFERENCES markers(id),
    kind         TEXT NOT NULL,             -- land | river
    geometry     TEXT NOT NULL,             -- [[lon, lat], ...]
    length_km    DOUBLE PRECISION NOT NULL,
    min_lon      DOUBLE PRECISION NOT NULL,
    min_lat      DOUBLE PRECISION NOT NULL,
    max_lon      DOUBLE PRECISION NOT NULL,
    max_lat      DOUBLE PRECISION NOT NULL,
    notes        TEXT,
    unit_id      TEXT NOT NULL REFERENCES units(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX segments_bbox ON segments (min_lon, max_lon, min_lat, max_lat);
CREATE INDEX segments_unit ON segments (unit_id);
CREATE INDEX segments_from ON segments (from_marker);
CREATE INDEX segments_to ON segments (to_marker);

CREATE TABLE gates (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- international | main | secondary | opening
    border      TEXT NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    notes       TEXT,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX gates_lon_lat ON gates (lon, lat);
CREATE INDEX gates_unit ON gates (unit_id);

CREATE TABLE roads (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- patrol | marker_inspection
    geometry    TEXT NOT NULL,
    length_km   DOUBLE PRECISION NOT NULL,
    min_lon     DOUBLE PRECISION NOT NULL,
    min_lat     DOUBLE PRECISION NOT NULL,
    max_lon     DOUBLE PRECISION NOT NULL,
    max_lat     DOUBLE PRECISION NOT NULL,
    built       TEXT,                       -- date built
    surface     TEXT,                       -- concrete, asphalt, earth ...
    condition   TEXT,                       -- good | damaged | impassable
    cost_vnd    BIGINT,
    workdays    DOUBLE PRECISION,           -- ngày công
    notes       TEXT,
    unit_id     TEXT NOT NULL REFERENCES units(id),  -- the unit that maintains it
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX roads_bbox ON roads (min_lon, max_lon, min_lat, max_lat);
CREATE INDEX roads_unit ON roads (unit_id);
