-- storytrace schema, version 1.
-- JSON columns hold text written by json.dumps; CHECK (json_valid(...)) keeps them parseable.
-- Character offsets (start, end) index articles.text, the text exactly as given on input.

CREATE TABLE runs (
    id       INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,
    finished TEXT,
    paths    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(paths)),
    counts   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts))
);

CREATE TABLE sources (
    name       TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);

-- seq is the stable integer key the full-text index points at (an implicit rowid may change on VACUUM).
CREATE TABLE articles (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    origin          TEXT NOT NULL,
    fmt             TEXT NOT NULL,
    url             TEXT,
    site            TEXT REFERENCES sources (name),
    title           TEXT,
    published       TEXT,
    published_from  TEXT,
    authors         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    byline          TEXT,
    dateline_places TEXT CHECK (dateline_places IS NULL OR json_valid(dateline_places)),
    dateline_wire   TEXT,
    dateline_start  INTEGER,
    dateline_end    INTEGER,
    extra           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
    text            TEXT NOT NULL,
    clean_text      TEXT NOT NULL,
    sentences       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sentences)),
    tokens          INTEGER NOT NULL DEFAULT 0,
    ingested_at     TEXT NOT NULL,
    run_id          INTEGER REFERENCES runs (id),
    CHECK (dateline_start IS NULL OR dateline_start <= dateline_end)
);
CREATE INDEX articles_by_site_published ON articles (site, published);
CREATE INDEX articles_by_published ON articles (published);

CREATE TABLE removals (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX removals_by_article ON removals (article_id, start);
CREATE INDEX removals_by_reason ON removals (reason);

CREATE TABLE entities (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    code     TEXT,
    variants TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(variants))
);
CREATE INDEX entities_by_kind ON entities (kind);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    entity_id  TEXT REFERENCES entities (id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX mentions_by_article ON mentions (article_id, start);
CREATE INDEX mentions_by_entity ON mentions (entity_id, article_id);

-- How many documents of a site contained a line; the boilerplate learner reads it back.
CREATE TABLE line_stats (
    line_key TEXT NOT NULL,
    site     TEXT NOT NULL,
    docs     INTEGER NOT NULL CHECK (docs >= 0),
    PRIMARY KEY (line_key, site)
) WITHOUT ROWID;

CREATE TABLE skipped (
    id     INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs (id),
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (origin, reason)
);
CREATE INDEX skipped_by_reason ON skipped (reason);

-- Full-text index over title + clean_text, reading its content from articles (no second copy).
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    clean_text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, clean_text) VALUES (new.seq, new.title, new.clean_text);
END;

CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, clean_text)
    VALUES ('delete', old.seq, old.title, old.clean_text);
END;

CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, clean_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, clean_text)
    VALUES ('delete', old.seq, old.title, old.clean_text);
    INSERT INTO articles_fts (rowid, title, clean_text) VALUES (new.seq, new.title, new.clean_text);
END;
