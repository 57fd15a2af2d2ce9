-- 004_activities: the catalog of indicators and activity types (data, not
-- code: an admin adds and retires them without a release), the activities
-- that carry indicator values, and the record of file imports.
-- See src/domain/catalog.c and src/domain/activities.c.
--
-- Values are stored exactly, in thousandths of the indicator's unit
-- (value_milli: 70,5 km is 70500; 3.125.000.000 đồng is 3125000000000), so
-- that sums over a province and years are exact in both engines. A BIGINT
-- holds up to 9.2e18 thousandths, 9.2e15 of any unit.

-- An indicator is a measure: buổi, lượt người, km, đồng ...
CREATE TABLE indicators (
    code            TEXT PRIMARY KEY,       -- buoi, luot_nguoi, km
    name_vi         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    unit_vi         TEXT NOT NULL,          -- buổi, lượt người, km, đồng
    unit_en         TEXT NOT NULL,
    value_type      TEXT NOT NULL,          -- integer | decimal
    aggregation     TEXT NOT NULL DEFAULT 'flow',  -- flow (summed over a period) | stock (as of a date)
    allow_negative  INTEGER NOT NULL DEFAULT 0,
    retired_at      TEXT,                   -- no new values after this date; history kept
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- An activity type: what is done (tuyên truyền, phát quang ...) and the
-- indicators it is counted by.
CREATE TABLE activity_types (
    code        TEXT PRIMARY KEY,           -- tuyen_truyen, phat_quang_tu_sua
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    category    TEXT NOT NULL,              -- outreach | infrastructure | model | social | foreign_affairs | border_day | security
    retired_at  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE activity_type_indicators (
    type_code       TEXT NOT NULL REFERENCES activity_types(code),
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    required        INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL,       -- order on forms, templates and reports
    PRIMARY KEY (type_code, indicator_code)
);

-- A file imported into bienphong: the same file (by content) is not
-- imported twice into the same kind of record.
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,              -- activities | households | markers | ...
    sha256      TEXT NOT NULL,              -- of the file's bytes, hex
    file_name   TEXT,
    unit_id     TEXT REFERENCES units(id),  -- the importing user's unit
    user_name   TEXT NOT NULL,
    records     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (kind, sha256)
);

-- One counted activity: a type, the unit it is recorded under, a date or
-- a date range, an optional place (a point or a marker).
CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    type_code   TEXT NOT NULL REFERENCES activity_types(code),
    unit_id     TEXT NOT NULL REFERENCES units(id),
    date_from   TEXT NOT NULL,              -- YYYY-MM-DD
    date_to     TEXT NOT NULL,              -- = date_from for a one-day activity
    title       TEXT NOT NULL,
    notes       TEXT,
    lon         DOUBLE PRECISION,
    lat         DOUBLE PRECISION,
    marker_id   TEXT REFERENCES markers(id),
    import_id   TEXT REFERENCES imports(id),
    created_by  TEXT NOT NULL,              -- the user's login name
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX activities_unit_date ON activities (unit_id, date_from);
CREATE INDEX activities_type_date ON activities (type_code, date_from);
CREATE INDEX activities_date ON activities (date_from, id);
CREATE INDEX activities_import ON activities (import_id);

-- The units that organised or took part (besides activities.unit_id).
CREATE TABLE activity_units (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    unit_id     TEXT NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL,              -- organiser | participant
    PRIMARY KEY (activity_id, unit_id, role)
);
CREATE INDEX activity_units_unit ON activity_units (unit_id);

CREATE TABLE activity_values (
    activity_id     TEXT NOT NULL REFERENCES activities(id),
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    value_milli     BIGINT NOT NULL,        -- thousandths of the indicator's unit
    PRIMARY KEY (activity_id, indicator_code)
);
CREATE INDEX activity_values_indicator ON activity_values (indicator_code);
