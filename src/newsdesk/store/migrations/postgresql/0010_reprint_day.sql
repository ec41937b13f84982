-- Copies dated without a clock time count from the end of their day when a reprint
-- group's canonical article is chosen: SQLite's 0010_reprint_day.sql.
ALTER TABLE story_articles ADD COLUMN day_only INTEGER NOT NULL DEFAULT 0;
UPDATE story_articles SET day_only = 1 WHERE dated = 1 AND EXISTS (
    SELECT 1 FROM articles a WHERE a.id = story_articles.article_id
        AND substr(a.published, 12, 8) = '00:00:00' AND substr(a.published, 20, 1) <> '.'
);
UPDATE reprint_groups SET canonical = (
    SELECT s.article_id FROM story_articles s WHERE s.reprint_group = reprint_groups.id
    ORDER BY CASE WHEN s.day_only = 1
        THEN to_char(CAST(substr(s.time, 1, 19) AS timestamp) + interval '1 day',
                     'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
        ELSE s.time END, s.length DESC, s.article_id
    LIMIT 1
) WHERE id IN (SELECT reprint_group FROM story_articles WHERE day_only = 1);
