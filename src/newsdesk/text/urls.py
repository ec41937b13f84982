"""URLs as crawled pages give them: split and joined without ever raising.

The standard library raises `ValueError` on a malformed authority (`http://[::1`, an
IPv6 host never closed; a host that NFKC turns into `/` or `@`).  A page's URL and
the links in its markup are untrusted input, so every layer splits and joins them
here, where a URL that cannot be parsed is None, or a link is kept as given.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def split_url(url: str) -> SplitResult | None:
    """`url`'s parts, or None when it cannot be parsed."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def join_url(base: str, link: str) -> str:
    """`link` resolved against `base`; `link` as given when either cannot be parsed."""
    try:
        return urljoin(base, link)
    except ValueError:
        return link
