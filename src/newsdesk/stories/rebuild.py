"""Rebuilding every story while keeping the ids readers bookmarked.

A rebuild (after a re-extraction, or a change of method) processes the whole store
again in time order, so the stories come out numbered afresh, not in the order the
ingests first opened them.  Ids are links (`/stories/42`), so after the rebuild each
new story takes the id of the old story whose articles it holds most of, as long as
it holds at least half of them; a story with no such ancestor gets an id no story
had before (the old highest id is kept in `story_meta` as `last_story`), so an old
link never lands on an unrelated story.
"""

from __future__ import annotations

from collections import Counter

from newsdesk.store.db import transaction
from newsdesk.store.engines import Connection
from newsdesk.stories.model import UpdateSummary
from newsdesk.stories.store import claim, generation_of, meta, update

DERIVED_TABLES = (
    "story_articles",
    "stories",
    "reprint_groups",
    "story_terms",
    "story_df",
    "story_hot",
    "story_related",
)


def rebuild(con: Connection) -> UpdateSummary:
    """Forget every story and process the whole store again, keeping the ids of
    stories that are still (mostly) the same articles."""
    before = memberships(con)
    with transaction(con):
        loaded = generation_of(con)
        top = con.execute("SELECT max(id) FROM stories").fetchone()[0] or 0
        highest = max([top, *before, int(meta(con, "last_story") or 0)])
        for table in DERIVED_TABLES:
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM story_meta WHERE name != 'generation'")
        con.execute(
            "INSERT INTO story_meta (name, value) VALUES ('last_story', ?)", (str(highest),)
        )
        claim(con, loaded)  # an update that loaded the old state must load again
    summary = update(con)
    with transaction(con):
        claim(con, generation_of(con))  # ids change: a concurrent update loads again
        renumber(con, kept_ids(before, memberships(con)))
    return summary


def memberships(con: Connection) -> dict[int, set[str]]:
    """Each story's article ids."""
    out: dict[int, set[str]] = {}
    for aid, sid in con.execute("SELECT article_id, story_id FROM story_articles"):
        out.setdefault(sid, set()).add(aid)
    return out


def kept_ids(before: dict[int, set[str]], after: dict[int, set[str]]) -> dict[int, int]:
    """New story id → the old id it keeps: the old story it shares the most articles
    with, when it holds at least half of that story's articles; largest overlaps are
    matched first and each old id goes to one story."""
    owner = {aid: sid for sid, ids in before.items() for aid in ids}
    shared = Counter((new, owner[a]) for new, ids in after.items() for a in ids if a in owner)
    kept: dict[int, int] = {}
    taken: set[int] = set()
    for (new, old), n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if new in kept or old in taken or 2 * n < len(before[old]):
            continue
        kept[new] = old
        taken.add(old)
    return kept


def renumber(con: Connection, kept: dict[int, int]) -> None:
    """Give stories their kept ids.  New ids all lie above the old ones (`last_story`),
    so no kept id is in use when it is given back."""
    pairs = [(old, new) for new, old in sorted(kept.items()) if old != new]
    con.executemany("UPDATE stories SET id = ? WHERE id = ?", pairs)
    con.executemany("UPDATE story_articles SET story_id = ? WHERE story_id = ?", pairs)
