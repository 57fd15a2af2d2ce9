-- 006_settings: settings of the whole server that an admin changes at run
-- time (the map's tile source), one row a key with its value as JSON. See
-- src/domain/settings.c.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,           -- map
    value       TEXT NOT NULL,              -- JSON
    updated_by  TEXT NOT NULL,              -- the user's login name
    updated_at  TEXT NOT NULL
);
