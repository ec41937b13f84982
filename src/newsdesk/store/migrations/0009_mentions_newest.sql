-- An entity's page lists the newest articles naming it and counts them per month.
-- Joined to `articles` that meant sorting every article that names 中国 on each
-- view; with the article's `best_time` kept beside each mention, one walk down
-- `mentions_newest` gives a page, and its month counts are read from the index alone.
-- Mentions are rewritten with their article, so the copy never disagrees with it.
ALTER TABLE mentions ADD COLUMN best_time TEXT;
UPDATE mentions SET best_time = (SELECT a.best_time FROM articles a WHERE a.seq = mentions.article_seq);
CREATE INDEX mentions_newest ON mentions (name, best_time, article_seq);
