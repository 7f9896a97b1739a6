-- Stories: clusters of articles about one real-world event, their members and recorded merges.
-- comparison holds the cross-source comparison (stories.compare.StoryComparison.as_dict()).

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    headline    TEXT NOT NULL,
    start       TEXT,
    "end"       TEXT,
    entity_ids  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(entity_ids)),
    merged_into TEXT,
    comparison  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(comparison)),
    updated_at  TEXT NOT NULL,
    CHECK (start IS NULL OR "end" IS NULL OR start <= "end")
);
CREATE INDEX stories_by_start ON stories (start);

CREATE TABLE story_members (
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('original', 'copy', 'independent')),
    position   INTEGER NOT NULL,  -- arrival order within the story
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_members_by_article ON story_members (article_id);

CREATE TABLE story_merges (
    absorbed  TEXT PRIMARY KEY,  -- the story id that was merged away
    into_id   TEXT NOT NULL,
    score     REAL NOT NULL,
    merged_at TEXT NOT NULL
);
