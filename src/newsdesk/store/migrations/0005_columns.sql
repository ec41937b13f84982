-- Two fields of the article as columns, so lists can filter and order by them
-- without reading the stored JSON: the page's own time (`Article.page_time`, shown
-- when no publish time was found) and the channel the enrichment chose.
ALTER TABLE articles ADD COLUMN page_time TEXT;
ALTER TABLE articles ADD COLUMN channel TEXT;

-- Existing rows: from the stored JSON.  The first article schema kept the channel in
-- `extra`, as a plain id or as an object with an `id`; the second in `enrichment`.
UPDATE articles SET
    page_time = json_extract(doc, '$.page_time'),
    channel = COALESCE(
        json_extract(doc, '$.enrichment.channel.id'),
        CASE json_type(doc, '$.extra.channel')
            WHEN 'text' THEN json_extract(doc, '$.extra.channel')
            WHEN 'object' THEN json_extract(doc, '$.extra.channel.id')
        END
    );

CREATE INDEX articles_channel ON articles (channel);
-- `latest` walks undated articles that show a time of their own down this index.
CREATE INDEX articles_page_time ON articles (page_time, seq)
    WHERE published IS NULL AND page_time IS NOT NULL;
