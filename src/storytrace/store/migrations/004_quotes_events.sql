-- Attributions (quotes) and PLOVER events, one row per mention in one article.
-- Offsets index articles.text, the text exactly as given on input; NULL when the part is missing.

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    content_start INTEGER,
    content_end   INTEGER,
    cue_start     INTEGER,
    cue_end       INTEGER,
    source_start  INTEGER,
    source_end    INTEGER,
    speaker_id    TEXT,
    speaker       TEXT,
    broken        INTEGER NOT NULL DEFAULT 0 CHECK (broken IN (0, 1)),
    content_key   TEXT  -- normalised content words: the same quote in other articles shares it
);
CREATE INDEX quotes_by_article ON quotes (article_id);
CREATE INDEX quotes_by_content_key ON quotes (content_key);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    article_id        TEXT NOT NULL,
    type              TEXT NOT NULL,
    mode              TEXT,
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    actor_text        TEXT,
    actor_code        TEXT,
    actor_sector      TEXT,
    actor_entity_id   TEXT,
    recipient_text    TEXT,
    recipient_code    TEXT,
    recipient_sector  TEXT,
    recipient_entity_id TEXT,
    date              TEXT,
    negated           INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
    future            INTEGER NOT NULL DEFAULT 0 CHECK (future IN (0, 1)),
    hypothetical      INTEGER NOT NULL DEFAULT 0 CHECK (hypothetical IN (0, 1)),
    event_key         TEXT NOT NULL  -- type|actor|recipient|date: mentions of one real-world event share it
);
CREATE INDEX events_by_article ON events (article_id);
CREATE INDEX events_by_key ON events (event_key);
