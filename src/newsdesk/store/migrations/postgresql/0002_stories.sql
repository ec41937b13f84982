-- Reprints, stories, related articles and hot scores: SQLite's 0002_stories.sql.

CREATE TABLE story_articles (
    article_id    TEXT COLLATE "C" PRIMARY KEY,
    story_id      BIGINT NOT NULL,
    reprint_group BIGINT,
    content_hash  TEXT COLLATE "C" NOT NULL,
    text_key      TEXT COLLATE "C",
    time          TEXT COLLATE "C" NOT NULL,
    dated         INTEGER NOT NULL,
    site          TEXT COLLATE "C",
    title         TEXT COLLATE "C",
    length        INTEGER NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    reason        TEXT COLLATE "C" NOT NULL,
    shingles      INTEGER NOT NULL,
    signature     BYTEA,
    figures       TEXT COLLATE "C" NOT NULL,
    vector        TEXT COLLATE "C" NOT NULL,
    text_terms    TEXT COLLATE "C" NOT NULL,
    entities      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_group ON story_articles (reprint_group);
CREATE INDEX story_articles_key ON story_articles (text_key);
CREATE INDEX story_articles_time ON story_articles (time);

CREATE TABLE stories (
    id         BIGINT PRIMARY KEY,
    title      TEXT COLLATE "C",
    first      TEXT COLLATE "C" NOT NULL,
    last       TEXT COLLATE "C" NOT NULL,
    size       INTEGER NOT NULL,
    centroid   TEXT COLLATE "C" NOT NULL,
    entities   TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX stories_last ON stories (last);

CREATE TABLE reprint_groups (
    id        BIGINT PRIMARY KEY,
    canonical TEXT COLLATE "C" NOT NULL,
    size      INTEGER NOT NULL
);

CREATE TABLE story_terms (
    term       TEXT COLLATE "C" NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL,
    weight     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (term, article_id)
);
CREATE INDEX story_terms_article ON story_terms (article_id);

CREATE TABLE story_df (
    term TEXT COLLATE "C" PRIMARY KEY,
    df   BIGINT NOT NULL
);
CREATE TABLE story_meta (
    name  TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE story_hot (
    story_id    BIGINT PRIMARY KEY,
    score       DOUBLE PRECISION NOT NULL,
    growth      DOUBLE PRECISION NOT NULL,
    sources     DOUBLE PRECISION NOT NULL,
    recency     DOUBLE PRECISION NOT NULL,
    hotlist     DOUBLE PRECISION NOT NULL,
    parts       TEXT COLLATE "C" NOT NULL,
    reference   TEXT COLLATE "C" NOT NULL,
    computed_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX story_hot_score ON story_hot (score);
