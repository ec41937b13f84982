"""The one rule for the time zone of a page's own times.

A time the page writes with an offset keeps it.  A time written without one is the
site's local clock, and the site's locale is read, in this order, from the host's
country domain (`.jp` is Japan whatever the language of the page) and from the page's
language; a page of no recognisable language is read in the default zone, China's,
since newsdesk reads Chinese portals first.  Both readers (HTML and text dumps) ask
here, so the same page gets the same instant and the same offset from either.

Times are never converted to UTC before they are stored: the offset the page's clock
had is kept with the instant, so the calendar day a reader sees is the page's own.
"""

from __future__ import annotations

from newsdesk.text.urls import split_url

DEFAULT_ZONE = "Asia/Shanghai"

# Country domains whose whole country keeps one clock (a country spanning several zones
# says nothing about which of them a site uses, so it is not listed).
ZONE_BY_DOMAIN = {
    "cn": "Asia/Shanghai",
    "hk": "Asia/Hong_Kong",
    "mo": "Asia/Macau",
    "tw": "Asia/Taipei",
    "sg": "Asia/Singapore",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
}
# Languages spoken in one zone (or, for Chinese, in one offset: UTC+8 everywhere).
ZONE_BY_LANGUAGE = {"zh": "Asia/Shanghai", "ja": "Asia/Tokyo", "ko": "Asia/Seoul"}
UNKNOWN_LANGUAGE = "und"
# Any other identified language gives no zone of its own: UTC, which at least never
# pretends to know a local offset.
OTHER_LANGUAGES = "UTC"


def page_zone(url: str | None, language: str | None) -> str:
    """The IANA zone a page's times without an offset are read in."""
    parts = split_url(url) if url and "://" in url else None
    host = parts.hostname if parts else None
    if host:
        zone = ZONE_BY_DOMAIN.get(host.rsplit(".", 1)[-1].lower())
        if zone:
            return zone
    primary = (language or UNKNOWN_LANGUAGE).split("-")[0].lower()
    if primary == UNKNOWN_LANGUAGE:
        return DEFAULT_ZONE
    return ZONE_BY_LANGUAGE.get(primary, OTHER_LANGUAGES)
