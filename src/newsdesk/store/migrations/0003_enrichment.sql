-- Enrichment made queryable: the entities each article mentions and its dated events.
-- Both are derived from the article's `extra` and rewritten with it.

CREATE TABLE mentions (
    article_seq INTEGER NOT NULL,
    name        TEXT NOT NULL,            -- canonical name (普京 for 俄总统普京)
    type        TEXT NOT NULL,            -- PER, LOC or ORG
    count       INTEGER NOT NULL
);
CREATE INDEX mentions_name ON mentions (name, type);
CREATE INDEX mentions_article ON mentions (article_seq);

CREATE TABLE events (
    article_seq INTEGER NOT NULL,
    start       TEXT NOT NULL,            -- ISO date (or month) the event starts
    end         TEXT,                     -- ISO date it ends, for spans
    sentence    TEXT NOT NULL,
    entities    TEXT NOT NULL             -- JSON list of canonical names in the sentence
);
CREATE INDEX events_article ON events (article_seq);
CREATE INDEX events_start ON events (start);
