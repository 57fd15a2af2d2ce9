-- 005_people: the people's part of border defense - households and
-- collectives, their self-management registrations (đăng ký tự quản
-- đường biên, mốc quốc giới), security and self-management groups with
-- their members, and the twinning of residential clusters across the
-- border. See src/domain/households.c and its siblings, and
-- docs/participation.md.
--
-- Personal data is kept to what the movement counts: a name, a village, a
-- phone and how many people. No identity card (CCCD) or other ID numbers:
-- the records are read by commune and post staff alike and an ID number
-- is not needed to count or to contact anyone.
--
-- Every row carries unit_id, the unit whose scope it is in: the village
-- when the household's village is in the unit tree, else the commune.
-- Lengths are stored exactly in metres (thousandths of a km), as
-- activities store their values, so sums over a province are exact.

CREATE TABLE households (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,            -- household | collective
    name          TEXT NOT NULL,            -- the head of household, or the collective
    unit_id       TEXT NOT NULL REFERENCES units(id),  -- village, or commune
    village_name  TEXT,                     -- a village not in the unit tree
    phone         TEXT,
    people        INTEGER NOT NULL DEFAULT 0,  -- members of the household
    notes         TEXT,
    import_id     TEXT REFERENCES imports(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX households_unit ON households (unit_id, id);
CREATE INDEX households_import ON households (import_id);

-- A household's or collective's undertaking to self-manage stretches of
-- the line and markers, with the post it works with, from date_from to
-- date_to (inclusive; NULL: open).
CREATE TABLE registrations (
    id            TEXT PRIMARY KEY,
    household_id  TEXT NOT NULL REFERENCES households(id),
    unit_id       TEXT NOT NULL REFERENCES units(id),  -- the household's, for scope
    post_id       TEXT NOT NULL REFERENCES units(id),  -- a border post
    date_from     TEXT NOT NULL,
    date_to       TEXT,
    km_m          BIGINT NOT NULL DEFAULT 0, -- the sum of its segments' metres
    notes         TEXT,
    import_id     TEXT REFERENCES imports(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX registrations_household ON registrations (household_id);
CREATE INDEX registrations_unit ON registrations (unit_id, date_from);
CREATE INDEX registrations_post ON registrations (post_id);

-- The stretch of a segment a registration covers: the whole segment or a
-- part of it, in metres, never more than the segment's length.
CREATE TABLE registration_segments (
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    segment_id      TEXT NOT NULL REFERENCES segments(id),
    km_m            BIGINT NOT NULL,
    PRIMARY KEY (registration_id, segment_id)
);
CREATE INDEX registration_segments_segment ON registration_segments (segment_id);

CREATE TABLE registration_markers (
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    marker_id       TEXT NOT NULL REFERENCES markers(id),
    PRIMARY KEY (registration_id, marker_id)
);
CREATE INDEX registration_markers_marker ON registration_markers (marker_id);

-- Security and self-management groups: tổ tự quản an ninh trật tự thôn,
-- bản; tổ bảo vệ an ninh trật tự ở cơ sở (from 1 July 2024); tổ tàu
-- thuyền an toàn.
CREATE TABLE people_groups (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,            -- tu_quan_antt | bao_ve_antt | tau_thuyen
    name          TEXT NOT NULL,
    unit_id       TEXT NOT NULL REFERENCES units(id),  -- village or commune
    founded       TEXT NOT NULL,
    dissolved     TEXT,                     -- exclusive: the first day it no longer exists
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX people_groups_unit ON people_groups (unit_id, id);

CREATE TABLE group_members (
    id            TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES people_groups(id),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,            -- leader | deputy | member
    household_id  TEXT REFERENCES households(id),
    date_from     TEXT NOT NULL,
    date_to       TEXT,                     -- inclusive; NULL: still a member
    position      INTEGER NOT NULL
);
CREATE INDEX group_members_group ON group_members (group_id, position);
CREATE INDEX group_members_household ON group_members (household_id);

-- Twinning (kết nghĩa) of one of our villages or communes with a
-- residential cluster on the other side of the border.
CREATE TABLE twinnings (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    other_name    TEXT NOT NULL,
    other_country TEXT NOT NULL,            -- CN | LA | KH
    signed        TEXT NOT NULL,
    ended         TEXT,                     -- exclusive: the first day it no longer holds
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX twinnings_unit ON twinnings (unit_id, id);
