-- What lists of news are ordered and filtered by, as columns:
-- `best_time`, the best time known of the article in UTC (`YYYY-MM-DDTHH:MM:SSZ`, so
-- text order is time order): published, else the page's own time (its update time,
-- else the time it shows), else when the crawl fetched it, else when it was stored;
-- `kind`, what sort of page it was read from (`Article.kind`: news, discussion,
-- catalogue, listing, documentation, page; NULL when the reader could not tell).
ALTER TABLE articles ADD COLUMN best_time TEXT;
ALTER TABLE articles ADD COLUMN kind TEXT;

-- Existing rows.  Articles read before pages had a kind: an HTML page with a publish
-- time is news, one without is another page (re-extracting the kept raw pages,
-- `newsdesk reextract`, classifies them fully); other readers' articles stay unknown.
UPDATE articles SET
    best_time = COALESCE(
        strftime('%Y-%m-%dT%H:%M:%SZ', published),
        strftime('%Y-%m-%dT%H:%M:%SZ', json_extract(doc, '$.updated')),
        strftime('%Y-%m-%dT%H:%M:%SZ', page_time),
        strftime('%Y-%m-%dT%H:%M:%SZ', (SELECT p.fetched FROM pages p
            WHERE p.article_id = articles.id AND p.version = articles.version)),
        strftime('%Y-%m-%dT%H:%M:%SZ', added_at)
    ),
    kind = COALESCE(
        json_extract(doc, '$.kind'),
        CASE WHEN extractor LIKE 'html%' THEN
            CASE WHEN published IS NULL THEN 'page' ELSE 'news' END
        END
    );

-- Latest (the home page, feeds, `newsdesk list`, /api/articles) walks the news down
-- this index, newest first.  It replaces the walk of undated articles by page time.
CREATE INDEX articles_latest ON articles (best_time, seq) WHERE kind IS NULL OR kind = 'news';
DROP INDEX articles_page_time;
