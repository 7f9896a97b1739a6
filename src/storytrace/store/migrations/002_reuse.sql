-- Provenance: the fingerprint index (LSH band keys per article) and the derivation links.
-- Offsets in passages/artifacts index articles.text, the text exactly as given on input.

CREATE TABLE reuse_fingerprints (
    seq        INTEGER PRIMARY KEY,  -- insertion order: the index is rebuilt in this order
    article_id TEXT NOT NULL UNIQUE,
    band_keys  BLOB NOT NULL         -- little-endian int64 LSH band keys; empty for no content words
);

CREATE TABLE reuse_links (
    id         INTEGER PRIMARY KEY,
    source_id  TEXT NOT NULL,
    derived_id TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('duplicate', 'copy', 'spun', 'partial', 'rewrite', 'shared-quote')),
    score      REAL NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
    passages   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(passages)),
    artifacts  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(artifacts)),
    UNIQUE (source_id, derived_id)
);
CREATE INDEX reuse_links_by_derived ON reuse_links (derived_id);
