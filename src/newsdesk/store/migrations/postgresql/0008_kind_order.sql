-- The best known time and the page's kind as columns: SQLite's 0008_kind_order.sql.
ALTER TABLE articles ADD COLUMN best_time TEXT COLLATE "C";
ALTER TABLE articles ADD COLUMN kind TEXT COLLATE "C";

UPDATE articles SET
    best_time = to_char(CAST(COALESCE(
        published,
        CAST(doc AS json) ->> 'updated',
        page_time,
        (SELECT p.fetched FROM pages p
            WHERE p.article_id = articles.id AND p.version = articles.version),
        added_at
    ) AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    kind = COALESCE(
        CAST(doc AS json) ->> 'kind',
        CASE WHEN extractor LIKE 'html%' THEN
            CASE WHEN published IS NULL THEN 'page' ELSE 'news' END
        END
    );

CREATE INDEX articles_latest ON articles (best_time, seq) WHERE kind IS NULL OR kind = 'news';
DROP INDEX articles_page_time;
