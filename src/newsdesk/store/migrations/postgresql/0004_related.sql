-- Each article's related list as last ranked: SQLite's 0004_related.sql.
CREATE TABLE story_related (
    article_id  TEXT COLLATE "C" PRIMARY KEY,
    items       TEXT COLLATE "C" NOT NULL,
    computed_at TEXT COLLATE "C" NOT NULL
);

CREATE INDEX story_articles_group_time ON story_articles (reprint_group, time, article_id);
