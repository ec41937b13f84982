-- The article's best time kept beside each mention: SQLite's 0009_mentions_newest.sql.
ALTER TABLE mentions ADD COLUMN best_time TEXT COLLATE "C";
UPDATE mentions m SET best_time = a.best_time FROM articles a WHERE a.seq = m.article_seq;
CREATE INDEX mentions_newest ON mentions (name, best_time, article_seq);
