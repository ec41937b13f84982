-- The outlets of a story, read on every article and story page: a covering index lets
-- SQLite step from site to site of one story instead of visiting all its articles (a
-- wire story reprinted by thousands of sites names each site once).
CREATE INDEX story_articles_sites ON story_articles (story_id, site);
