-- Each article's related list as the last stories update ranked it
-- (newsdesk.stories.related), so that an article page reads one row instead of
-- ranking candidates on every request.  Derived; rebuilt with the stories.
CREATE TABLE story_related (
    article_id  TEXT PRIMARY KEY,     -- story_articles.article_id
    items       TEXT NOT NULL,        -- JSON [[related article id, score, {part: value}], ...]
    computed_at TEXT NOT NULL
) WITHOUT ROWID;

-- An article page lists the earliest copies of its reprint group (a wire story may
-- have thousands): read in order from the index instead of sorted per request.
CREATE INDEX story_articles_group_time ON story_articles (reprint_group, time, article_id);
