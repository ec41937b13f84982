"""The layout split: which evaluation pages are of sites the text-dump line model never saw.

A site's pages share one layout, so a model trained on some pages of a site and scored
on others is scored on layouts it knows.  Pages are grouped by site and a fixed share of
the sites is held out; the training script (`scripts/train_dump_lines.py`) reads only
the other sites' pages, and `extraction.py` reports the held-out ones on their own.
This module is the one place the split is defined.

The site of a page:

- the host of its `url`, without a leading `www.`, where the gold gives one
  (magic_html, scrapinghub, wcxb);
- `daniel`: its `site` field (the host the corpus crawled);
- `readability`: the test-case name without its number (`nytimes-2`, `nytimes-4` ->
  `nytimes`), which names the site;
- `cwced` (no URL): the host the page links to most often, which is its own site for
  nearly every page (standards and CDN hosts not counted); a page linking nowhere is a
  site of its own.

A site is held out when the first 8 bytes of the SHA-1 of its name, read as a
fraction, fall below `HELD_OUT_SHARE`: stable across runs, machines and page order, and the
same for a site whichever folder its pages are in.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

HELD_OUT_SHARE = 0.3
_NUMBERED = re.compile(r"-\d+$")
_LINKED_HOST = re.compile(rb"https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# Hosts a page links to that are not its site: standards bodies, CDNs, sharing widgets.
_NOT_SITES = re.compile(
    r"(?:^|\.)(?:w3\.org|schema\.org|macromedia\.com|adobe\.com|microsoft\.com|google\.com|"
    r"googleapis\.com|gstatic\.com|googlesyndication\.com|doubleclick\.net|baidu\.com|"
    r"cnzz\.com|51\.la|qq\.com|weibo\.com|sina\.com\.cn|jiathis\.com|bshare\.cn|"
    r"facebook\.com|twitter\.com|cloudflare\.com|jquery\.com)$"
)


def _host(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host.removeprefix("www.")


def site_of(folder: str, row: dict[str, Any], html: Path) -> str:
    """The site a gold row's page comes from (see the module's docstring)."""
    if row.get("url"):
        return _host(row["url"])
    if row.get("site"):
        return str(row["site"]).lower().removeprefix("www.")
    if folder == "readability":
        return _NUMBERED.sub("", row["id"])
    hosts = Counter(
        h
        for h in (m.decode("ascii").lower() for m in _LINKED_HOST.findall(_read(html)))
        if not _NOT_SITES.search(h)
    )
    return hosts.most_common(1)[0][0].removeprefix("www.") if hosts else f"page:{row['id']}"


def _read(html: Path) -> bytes:
    try:
        return html.read_bytes()
    except OSError:
        return b""


def held_out(site: str) -> bool:
    """Whether `site` is one the line model never trains on."""
    digest = hashlib.sha1(site.encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELD_OUT_SHARE
