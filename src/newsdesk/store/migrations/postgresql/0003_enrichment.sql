-- Entities each article mentions and its dated events: SQLite's 0003_enrichment.sql.

CREATE TABLE mentions (
    article_seq BIGINT NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    type        TEXT COLLATE "C" NOT NULL,
    count       INTEGER NOT NULL
);
CREATE INDEX mentions_name ON mentions (name, type);
CREATE INDEX mentions_article ON mentions (article_seq);

CREATE TABLE events (
    article_seq BIGINT NOT NULL,
    start       TEXT COLLATE "C" NOT NULL,
    "end"       TEXT COLLATE "C",
    sentence    TEXT COLLATE "C" NOT NULL,
    entities    TEXT COLLATE "C" NOT NULL
);
CREATE INDEX events_article ON events (article_seq);
CREATE INDEX events_start ON events (start);
