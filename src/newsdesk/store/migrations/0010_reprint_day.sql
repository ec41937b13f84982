-- A copy dated without a clock time (its time is that day's midnight) may have
-- appeared at any moment of the day: the canonical article of a reprint group is the
-- copy known to be out earliest, so such a copy counts from the end of its day, and a
-- copy timed during that day is the earlier one.  `day_only` keeps which copies are
-- dated so; the groups that hold one choose their canonical again.
ALTER TABLE story_articles ADD COLUMN day_only INTEGER NOT NULL DEFAULT 0;
UPDATE story_articles SET day_only = 1 WHERE dated = 1 AND EXISTS (
    SELECT 1 FROM articles a WHERE a.id = story_articles.article_id
        AND substr(a.published, 12, 8) = '00:00:00' AND substr(a.published, 20, 1) <> '.'
);
UPDATE reprint_groups SET canonical = (
    SELECT s.article_id FROM story_articles s WHERE s.reprint_group = reprint_groups.id
    ORDER BY CASE WHEN s.day_only = 1
        THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', substr(s.time, 1, 19), '+1 day')
        ELSE s.time END, s.length DESC, s.article_id
    LIMIT 1
) WHERE id IN (SELECT reprint_group FROM story_articles WHERE day_only = 1);
