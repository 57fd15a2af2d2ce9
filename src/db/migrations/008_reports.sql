-- 008_reports: what the reports read besides the records themselves (see
-- docs/reports.md and src/domain/report_rollup.c).
--
-- report_ancestry: for each unit, the units its records are reported
-- under, with the dates: itself always, the units above it while it stood
-- under them (unit_parents, transitively), and the units it was merged or
-- split into (unit_succession_links) with what stands above those. One
-- row per unit, ancestor and period; the periods of one pair never
-- overlap. Rebuilt from the unit tree by every write to the tree, in its
-- transaction.
CREATE TABLE report_ancestry (
    unit_id      TEXT NOT NULL REFERENCES units(id),
    ancestor_id  TEXT NOT NULL REFERENCES units(id),
    valid_from   TEXT NOT NULL,             -- YYYY-MM-DD, '0000-01-01' for always
    valid_to     TEXT NOT NULL,             -- not included, '9999-12-31' for open
    PRIMARY KEY (unit_id, ancestor_id, valid_from)
);

-- report_flows: the sums of the activities' indicator values by reporting
-- unit (every ancestor of the recording unit on the activity's date_from),
-- period ('YYYY' and 'YYYY-MM' of date_from), activity type and indicator.
-- indicator_code '' holds the number of activities. total is in
-- thousandths for an indicator (as activity_values.value_milli). Every
-- write to an activity changes it in the same transaction.
CREATE TABLE report_flows (
    unit_id         TEXT NOT NULL REFERENCES units(id),
    period          TEXT NOT NULL,
    type_code       TEXT NOT NULL,
    indicator_code  TEXT NOT NULL,
    total           BIGINT NOT NULL,
    PRIMARY KEY (unit_id, period, type_code, indicator_code)
);

-- Report templates: which figures, in what order, under which headings
-- (docs/reports.md). The ones the program ships with are loaded by
-- `bienphong init`; an admin adds or changes others.
CREATE TABLE report_templates (
    code        TEXT PRIMARY KEY,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    body        TEXT NOT NULL,              -- the template as JSON
    builtin     INTEGER NOT NULL DEFAULT 0, -- 1: shipped with the program
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
