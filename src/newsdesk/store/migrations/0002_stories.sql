-- Reprints, stories, related articles and hot scores (newsdesk.stories).
-- Everything here is derived from `articles` and can be rebuilt from it
-- (`newsdesk.stories.rebuild`); article ids are `articles.id`.

-- One row per article the story step has processed.  `content_hash` is the hash of
-- the article version it saw, so a new version is processed again.
CREATE TABLE story_articles (
    article_id    TEXT PRIMARY KEY,
    story_id      INTEGER NOT NULL,
    reprint_group INTEGER,            -- reprint_groups.id, NULL when it has no copy
    content_hash  TEXT NOT NULL,      -- articles.content_hash of the version processed
    text_key      TEXT,               -- SHA-256 of the folded body: exact duplicates
    time          TEXT NOT NULL,      -- the time it was placed at (published, else stored)
    dated         INTEGER NOT NULL,   -- 1 when `time` is a publish time
    site          TEXT,
    title         TEXT,
    length        INTEGER NOT NULL,   -- characters of the folded body
    score         REAL NOT NULL,      -- similarity with the story when it joined
    reason        TEXT NOT NULL,      -- opened / joined / reprint
    shingles      INTEGER NOT NULL,   -- distinct shingles behind the signature
    signature     BLOB,               -- MinHash values (uint32, little-endian); NULL if short
    figures       TEXT NOT NULL,      -- JSON [lead figures, opening numbers]
    vector        TEXT NOT NULL,      -- JSON {term: weight}: headline and lead (its story)
    text_terms    TEXT NOT NULL,      -- JSON {term: count}: more of the text (related),
                                      -- its heaviest terms, weighed again when queried
    entities      TEXT NOT NULL       -- JSON [canonical names], most mentioned first
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_group ON story_articles (reprint_group);
CREATE INDEX story_articles_key ON story_articles (text_key);
CREATE INDEX story_articles_time ON story_articles (time);

CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    title      TEXT,
    first      TEXT NOT NULL,
    last       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    centroid   TEXT NOT NULL,         -- JSON {term: summed weight}, heaviest terms
    entities   TEXT NOT NULL,         -- JSON {name: mentions}
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_last ON stories (last);

CREATE TABLE reprint_groups (
    id        INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL,          -- the earliest, most complete copy
    size      INTEGER NOT NULL
);

-- Each article's heaviest terms, for finding related articles without a scan.
CREATE TABLE story_terms (
    term       TEXT NOT NULL,
    article_id TEXT NOT NULL,
    weight     REAL NOT NULL,
    PRIMARY KEY (term, article_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_article ON story_terms (article_id);

-- Document frequencies of terms over every processed article (online idf), and
-- counters (`docs`).
CREATE TABLE story_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The last hot ranking and the parts of every score in it.
CREATE TABLE story_hot (
    story_id    INTEGER PRIMARY KEY,
    score       REAL NOT NULL,
    growth      REAL NOT NULL,
    sources     REAL NOT NULL,
    recency     REAL NOT NULL,
    hotlist     REAL NOT NULL,
    parts       TEXT NOT NULL,        -- JSON: the counts behind the parts
    reference   TEXT NOT NULL,        -- the "now" the score was computed for
    computed_at TEXT NOT NULL
);
CREATE INDEX story_hot_score ON story_hot (score);
