-- The first schema: articles (latest version), their versions and raw pages, the
-- typed lists they show, rejections, and the full-text index.
-- Times are ISO 8601 text.  Relations are kept by the code in one transaction per
-- write rather than by foreign keys, so no PRAGMA has to be remembered.

-- Settings of the store itself (the tokenizer the index was built with).
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The latest version of every article: the main fields as columns for queries,
-- the whole `Article.to_dict()` JSON in `doc`.  `seq` is the search index's rowid;
-- AUTOINCREMENT so a deleted article's number is never given to another.
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,           -- sha256 of the raw page of this version
    origin       TEXT NOT NULL,
    url          TEXT,
    site         TEXT,
    title        TEXT,
    author       TEXT,
    published    TEXT,
    language     TEXT,
    source       TEXT,
    extractor    TEXT,
    added_at     TEXT NOT NULL,           -- when the article was first stored
    updated_at   TEXT NOT NULL,           -- when this row last changed
    doc          TEXT NOT NULL
);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_published ON articles (published);

-- Every version ever stored.  `doc` keeps the extraction a newer version replaced;
-- it is NULL for the latest, whose extraction lives in `articles`.
CREATE TABLE versions (
    article_id   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    doc          TEXT,
    PRIMARY KEY (article_id, version)
);
-- A page seen before under the same id, in any version, is not stored again.
CREATE UNIQUE INDEX versions_hash ON versions (article_id, content_hash);

-- The raw page of every version, compressed, with what is needed to rebuild a `Page`.
CREATE TABLE pages (
    article_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    origin     TEXT NOT NULL,
    url        TEXT,
    fetched    TEXT,
    charset    TEXT,
    form       TEXT NOT NULL CHECK (form IN ('bytes', 'text')),  -- Page.data or Page.text
    codec      TEXT NOT NULL,                                     -- 'zlib'
    size       INTEGER NOT NULL,                                  -- bytes before compression
    raw        BLOB NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- The typed lists of the latest version (related, hot, channel, ...), in page order.
-- Keyed by the article's `seq`, which grows with every new article: rows append at
-- the end of a table clustered by its key (WITHOUT ROWID), with no second index.
CREATE TABLE blocks (
    article_seq INTEGER NOT NULL,             -- articles.seq
    block       INTEGER NOT NULL,             -- position of the list on the page
    kind        TEXT NOT NULL,
    heading     TEXT,
    PRIMARY KEY (article_seq, block)
) WITHOUT ROWID;
CREATE INDEX blocks_kind ON blocks (kind);

CREATE TABLE items (
    article_seq INTEGER NOT NULL,
    block       INTEGER NOT NULL,
    position    INTEGER NOT NULL,             -- position of the item in its list
    title       TEXT NOT NULL,
    source      TEXT,
    time        TEXT,
    snippet     TEXT,
    url         TEXT,
    PRIMARY KEY (article_seq, block, position)
) WITHOUT ROWID;
-- "Which headlines do many portals list as hot" groups items by title.
CREATE INDEX items_title ON items (title);

CREATE TABLE rejections (
    id     INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);

-- Full-text index over pre-segmented text (see tokenize.py), rowid = articles.seq.
-- Contentless: the text is not stored twice; removing a row gives its indexed values
-- again, recomputed from articles.doc.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, captions,
    content = '',
    tokenize = 'ascii',
    detail = full
);
