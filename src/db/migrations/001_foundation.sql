-- 001_foundation: units and their history, users, sessions, audit log.
-- Written in the SQL that both SQLite and PostgreSQL accept. Ids are UUID
-- text, dates 'YYYY-MM-DD' text, timestamps 'YYYY-MM-DDTHH:MM:SSZ' text.

-- A unit exists from valid_from until valid_to (exclusive); NULL is open.
CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_en     TEXT,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Which unit a unit stood under, and when. For one unit the periods do
-- not overlap; a move closes one period and opens the next on the same day.
CREATE TABLE unit_parents (
    unit_id     TEXT NOT NULL REFERENCES units(id),
    parent_id   TEXT NOT NULL REFERENCES units(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    PRIMARY KEY (unit_id, valid_from)
);
CREATE INDEX unit_parents_parent ON unit_parents (parent_id);

-- Merges and splits: from the date, what was recorded under from_unit
-- belongs to to_unit's history.
CREATE TABLE unit_successions (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,          -- merge | split
    date        TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE TABLE unit_succession_links (
    succession_id TEXT NOT NULL REFERENCES unit_successions(id),
    from_unit     TEXT NOT NULL REFERENCES units(id),
    to_unit       TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (succession_id, from_unit, to_unit)
);
CREATE INDEX unit_succession_links_from ON unit_succession_links (from_unit);
CREATE INDEX unit_succession_links_to ON unit_succession_links (to_unit);

-- A border post's responsibility for communes, with dates.
CREATE TABLE post_communes (
    post_id     TEXT NOT NULL REFERENCES units(id),
    commune_id  TEXT NOT NULL REFERENCES units(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    PRIMARY KEY (post_id, commune_id, valid_from)
);
CREATE INDEX post_communes_commune ON post_communes (commune_id);

-- Every way one unit stands "above" another, for access scope: its parent,
-- its successor after a merge or split, the post responsible for a
-- commune. A retired unit keeps the parent it had when it ended, so the
-- records of an abolished district stay within its province.
CREATE VIEW unit_edges AS
    SELECT p.unit_id AS child, p.parent_id AS up, p.valid_from AS valid_from,
           CASE WHEN p.valid_to = u.valid_to THEN NULL ELSE p.valid_to END AS valid_to
      FROM unit_parents p JOIN units u ON u.id = p.unit_id
    UNION ALL
    SELECT l.from_unit, l.to_unit, s.date, NULL
      FROM unit_succession_links l JOIN unit_successions s ON s.id = l.succession_id
    UNION ALL
    SELECT commune_id, post_id, valid_from, valid_to FROM post_communes;

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    role          TEXT NOT NULL,        -- viewer | editor | unit_admin | admin
    pw_hash       TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

-- Sessions keep only a hash of the token.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,        -- seconds since 1970
    expires_at  BIGINT NOT NULL,
    remote_addr TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins by "user:NAME" and "addr:IP", for throttling.
CREATE TABLE login_failures (
    key         TEXT PRIMARY KEY,
    count       INTEGER NOT NULL,
    first_at    BIGINT NOT NULL,
    last_at     BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    actor       TEXT NOT NULL,
    unit_id     TEXT,                   -- the unit whose scope the record is in
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT,
    after       TEXT
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_unit ON audit_log (unit_id);
