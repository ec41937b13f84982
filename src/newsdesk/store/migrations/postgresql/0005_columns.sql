-- The page's own time and the channel as columns: SQLite's 0005_columns.sql.  The
-- second article schema keeps the channel in `enrichment`; no PostgreSQL store was
-- written with the first one, so nothing older is read here.
ALTER TABLE articles ADD COLUMN page_time TEXT COLLATE "C";
ALTER TABLE articles ADD COLUMN channel TEXT COLLATE "C";

UPDATE articles SET
    page_time = CAST(doc AS json) ->> 'page_time',
    channel = CAST(doc AS json) -> 'enrichment' -> 'channel' ->> 'id';

CREATE INDEX articles_channel ON articles (channel);
CREATE INDEX articles_page_time ON articles (page_time, seq)
    WHERE published IS NULL AND page_time IS NOT NULL;
