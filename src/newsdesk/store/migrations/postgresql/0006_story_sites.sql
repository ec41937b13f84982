-- The outlets of a story: SQLite's 0006_story_sites.sql.
CREATE INDEX story_articles_sites ON story_articles (story_id, site);
