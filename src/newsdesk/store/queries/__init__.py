"""The one query layer: every front end (CLI, Python API, pages, feeds, JSON API)
reads the store through these functions.

    from newsdesk.store import queries

    page = queries.latest(con, limit=20, site="新华网")
    results = queries.search(con, queries.SearchQuery("普京", sort="time"))
    story = queries.story(con, 42)          # one `Story`, its `to_dict()` is the JSON

Each function takes a connection and returns the records of `records`, each with one
`to_dict()`, so the CLI's `--json` and the API answer the same JSON; every list is a
`Page` (`{"items", "limit", "offset", "next"}`), made by `page` from a query that
asked for one row more than it shows.  Reads never write.  Modules: `read_articles`
(latest, one article, search, sources; every list's copies marked with their
original by `marked`), `read_entities` (entities, a name's page, timelines),
`read_stories` (stories, related, reprints, hot), `read_coverage` (articles per
period and outlet); what SQL says differently per engine comes from
`newsdesk.store.engines`, so each query runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from newsdesk.store.queries.read_articles import (
    all_sources,
    article,
    by_seq,
    channels,
    count,
    filters,
    languages,
    latest,
    originals,
    search,
    sources,
    summaries,
    version_count,
)
from newsdesk.store.queries.read_coverage import entity_coverage, story_coverage
from newsdesk.store.queries.read_entities import (
    MAX_ENTITIES,
    MAX_EVENTS,
    article_entities,
    entities,
    entity_page,
    mentions,
    month_counts,
    timeline,
)
from newsdesk.store.queries.read_stories import (
    MAX_STORY_ID,
    MIN_STORY_SIZE,
    hot,
    related,
    reprint_of,
    reprints,
    stories,
    story,
    story_id_of,
    story_number,
    story_of,
)
from newsdesk.store.queries.records import (
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    Coverage,
    EntityCount,
    EntityInfo,
    EntityPage,
    HotStory,
    Original,
    Page,
    Related,
    SearchQuery,
    SearchResults,
    Series,
    Sort,
    SourceCount,
    Story,
    StoryArticle,
    Summary,
    TimelineEvent,
    bounded,
    date_only,
    named,
    next_link,
    page,
)

__all__ = [
    "MAX_ENTITIES",
    "MAX_EVENTS",
    "MAX_OFFSET",
    "MAX_PAGE_SIZE",
    "MAX_STORY_ID",
    "MIN_STORY_SIZE",
    "Coverage",
    "EntityCount",
    "EntityInfo",
    "EntityPage",
    "HotStory",
    "Original",
    "Page",
    "Related",
    "SearchQuery",
    "SearchResults",
    "Series",
    "Sort",
    "SourceCount",
    "Story",
    "StoryArticle",
    "Summary",
    "TimelineEvent",
    "all_sources",
    "article",
    "article_entities",
    "bounded",
    "by_seq",
    "channels",
    "count",
    "date_only",
    "entities",
    "entity_coverage",
    "entity_page",
    "filters",
    "hot",
    "languages",
    "latest",
    "mentions",
    "month_counts",
    "named",
    "next_link",
    "originals",
    "page",
    "related",
    "reprint_of",
    "reprints",
    "search",
    "sources",
    "stories",
    "story",
    "story_coverage",
    "story_id_of",
    "story_number",
    "story_of",
    "summaries",
    "timeline",
    "version_count",
]
