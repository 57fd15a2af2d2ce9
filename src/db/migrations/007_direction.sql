-- 007_direction: direction and coordination - documents that implement one
-- another (the cascade) with their files, tasks assigned from them,
-- conferences, coordination agreements with commitments and reviews, and
-- commendations. See src/domain/documents.c and its siblings.
--
-- unit_id on each record is the unit it belongs to for access: the unit
-- that issued the document, the lead unit of a task, the host of a
-- conference, the unit that keeps an agreement or issued a commendation.
-- A document with no unit_id is national (a Politburo conclusion, a Prime
-- Minister's decision): every user reads it, only an admin writes it.

CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,          -- nghi_quyet | ket_luan | chi_thi | quyet_dinh | ke_hoach | huong_dan | bao_cao | quy_che ...
    number_symbol   TEXT,                   -- as written: 05/KH-UBND, 99-KL/TW
    symbol_number   BIGINT,                 -- parsed (src/domain/docnum.c); NULL when it could not be
    symbol_year     INTEGER,
    symbol_kind     TEXT,                   -- KH, QĐ, KL
    symbol_issuer   TEXT,                   -- UBND, TTg, TW
    symbol_parsed   INTEGER NOT NULL,       -- 0: kept as written and flagged
    issued_on       TEXT NOT NULL,          -- YYYY-MM-DD
    issuing_body    TEXT NOT NULL,          -- Bộ Chính trị, Thủ tướng Chính phủ, UBND tỉnh Lạng Sơn
    title           TEXT NOT NULL,
    summary         TEXT,
    implements_id   TEXT REFERENCES documents(id),  -- the document this one carries out
    unit_id         TEXT REFERENCES units(id),
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX documents_implements ON documents (implements_id);
CREATE INDEX documents_unit_date ON documents (unit_id, issued_on);
CREATE INDEX documents_date ON documents (issued_on, id);

-- A file attached to a document; the bytes are kept in the database
-- (base64 text, the storage interface binds text only) so that backups,
-- copies and several servers on one PostgreSQL see the same files.
CREATE TABLE document_files (
    id              TEXT PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id),
    file_name       TEXT NOT NULL,          -- a base name, no path parts
    content_type    TEXT NOT NULL,          -- checked against the bytes
    size            BIGINT NOT NULL,
    sha256          TEXT NOT NULL,
    content_b64     TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX document_files_document ON document_files (document_id);

CREATE TABLE tasks (
    id              TEXT PRIMARY KEY,
    document_id     TEXT REFERENCES documents(id),
    title           TEXT NOT NULL,
    unit_id         TEXT NOT NULL REFERENCES units(id),   -- the lead unit
    due_on          TEXT,
    status          TEXT NOT NULL,          -- not_started | in_progress | done (overdue is computed)
    progress        INTEGER NOT NULL DEFAULT 0,  -- percent, from the latest update
    done_on         TEXT,
    notes           TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX tasks_unit_due ON tasks (unit_id, due_on);
CREATE INDEX tasks_document ON tasks (document_id);

-- Supporting units of a task (the lead is tasks.unit_id).
CREATE TABLE task_units (
    task_id     TEXT NOT NULL REFERENCES tasks(id),
    unit_id     TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit ON task_units (unit_id);

CREATE TABLE task_updates (
    id          TEXT PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks(id),
    date        TEXT NOT NULL,
    status      TEXT NOT NULL,
    progress    INTEGER NOT NULL,
    note        TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX task_updates_task ON task_updates (task_id, date);

CREATE TABLE conferences (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,          -- quan_triet | so_ket | tong_ket | hoi_dam | giao_ban | ky_ket
    title           TEXT NOT NULL,
    date            TEXT NOT NULL,
    unit_id         TEXT NOT NULL REFERENCES units(id),   -- the host
    place           TEXT,
    chair           TEXT,                   -- name and title as written
    attendees       INTEGER,
    conclusions     TEXT,
    notes           TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX conferences_unit_date ON conferences (unit_id, date);
CREATE INDEX conferences_date ON conferences (date, id);

CREATE TABLE conference_documents (
    conference_id   TEXT NOT NULL REFERENCES conferences(id),
    document_id     TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (conference_id, document_id)
);
CREATE INDEX conference_documents_document ON conference_documents (document_id);

CREATE TABLE conference_units (
    conference_id   TEXT NOT NULL REFERENCES conferences(id),
    unit_id         TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (conference_id, unit_id)
);

-- Contributions (tham luận): who spoke, for which unit, on what. The
-- organization is the body as written ("Ủy ban MTTQ Việt Nam xã", "Công an
-- xã"), since most speakers stand for bodies that are not units of the
-- tree; a report often names the body and not the person, so one of
-- speaker and organization is enough.
CREATE TABLE conference_contributions (
    id              TEXT PRIMARY KEY,
    conference_id   TEXT NOT NULL REFERENCES conferences(id),
    position        INTEGER NOT NULL,
    speaker         TEXT,
    organization    TEXT,
    unit_id         TEXT REFERENCES units(id),
    subject         TEXT NOT NULL
);
CREATE INDEX conference_contributions_conference ON conference_contributions (conference_id, position);

CREATE TABLE agreements (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    number_symbol   TEXT,
    period_from     TEXT NOT NULL,
    period_to       TEXT NOT NULL,
    signed_on       TEXT,                   -- NULL while a draft
    status          TEXT NOT NULL,          -- draft | signed | ended
    renewed_from    TEXT REFERENCES agreements(id),
    unit_id         TEXT NOT NULL REFERENCES units(id),   -- the unit that keeps it
    notes           TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX agreements_unit ON agreements (unit_id, period_from);
-- One renewal of an agreement for a period: two "renew" requests at once
-- cannot make two drafts (NULLs are distinct in both engines).
CREATE UNIQUE INDEX agreements_renewal ON agreements (renewed_from, period_from);

CREATE TABLE agreement_parties (
    agreement_id    TEXT NOT NULL REFERENCES agreements(id),
    unit_id         TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (agreement_id, unit_id)
);
CREATE INDEX agreement_parties_unit ON agreement_parties (unit_id);

CREATE TABLE agreement_commitments (
    id              TEXT PRIMARY KEY,
    agreement_id    TEXT NOT NULL REFERENCES agreements(id),
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    unit_id         TEXT REFERENCES units(id),   -- the responsible party
    due_on          TEXT
);
CREATE INDEX agreement_commitments_agreement ON agreement_commitments (agreement_id, position);

CREATE TABLE agreement_reviews (
    id              TEXT PRIMARY KEY,
    agreement_id    TEXT NOT NULL REFERENCES agreements(id),
    date            TEXT NOT NULL,
    result          TEXT NOT NULL,          -- tot | kha | trung_binh | yeu (the overall evaluation)
    notes           TEXT,
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);
CREATE INDEX agreement_reviews_agreement ON agreement_reviews (agreement_id, date);

CREATE TABLE agreement_review_items (
    review_id       TEXT NOT NULL REFERENCES agreement_reviews(id),
    commitment_id   TEXT NOT NULL REFERENCES agreement_commitments(id),
    evaluation      TEXT NOT NULL,          -- done | partly | not_done
    note            TEXT,
    PRIMARY KEY (review_id, commitment_id)
);

CREATE TABLE commendations (
    id              TEXT PRIMARY KEY,
    level           TEXT NOT NULL,          -- giay_khen | bang_khen | co_thi_dua | huan_chuong ...
    number_symbol   TEXT,
    issuing_body    TEXT NOT NULL,          -- Chủ tịch UBND huyện Hoàng Mai
    issuer_level    TEXT NOT NULL,          -- nation | ministry | province | district | commune | unit
    signer_title    TEXT,
    date            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    programme       TEXT,                   -- Ngày Biên phòng toàn dân
    period_from     TEXT,                   -- the period it is for: 2019-03-03 .. 2024-03-03
    period_to       TEXT,
    unit_id         TEXT NOT NULL REFERENCES units(id),   -- the unit that records it
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX commendations_unit_date ON commendations (unit_id, date);

CREATE TABLE commendation_recipients (
    id              TEXT PRIMARY KEY,
    commendation_id TEXT NOT NULL REFERENCES commendations(id),
    kind            TEXT NOT NULL,          -- collective | individual
    name            TEXT NOT NULL,
    unit_id         TEXT REFERENCES units(id),   -- the collective itself, or the person's unit
    position        INTEGER NOT NULL
);
CREATE INDEX commendation_recipients_commendation ON commendation_recipients (commendation_id, position);
CREATE INDEX commendation_recipients_unit ON commendation_recipients (unit_id);
