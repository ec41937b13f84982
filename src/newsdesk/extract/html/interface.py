"""Lines that are the site's interface, not its writing: a video player's controls,
app promotion, the calls to action set under an article (newsletter sign-ups,
"follow us", "send us a tip") and a wiki's maintenance notices.

Players render their controls as text for screen readers (`Play`, `Mute`, `Current
Time 0:00`, `This is a modal window.`), and that text lands inside the article's
container.  Promotion and calls to action are sentences too, so they are told apart
by what they ask the reader to do, and only on short lines: a paragraph that mentions
an app or a newsletter is the article's.
"""

from __future__ import annotations

import re

# Calls to action and app promotion are a sentence or two.
MAX_CHARS = 200
# A player's control labels, alone or run together on one line (`Play VideoPlayMute`).
_PLAYER_WORDS = (
    "video player is loading", "play video", "unmute", "mute", "pause", "play", "fullscreen",
    "full screen", "non-fullscreen", "picture-in-picture", "seek to live", "live",
    "currently playing live", "current time", "duration", "remaining time", "loaded",
    "progress", "stream type", "playback rate", "chapters", "descriptions", "subtitles",
    "captions settings", "captions", "audio track", "settings", "opens captions settings dialog",
    "opens settings dialog", "selected", "off", "on", "close modal dialog",
    "this is a modal window", "beginning of dialog window",
    "escape will cancel and close the window", "end of dialog window", "ad", "advertisement",
    "skip ad", "replay", "next up", "autoplay",
)  # fmt: skip
# Every pattern below is matched against the lower-cased line: that is several times
# faster than `re.IGNORECASE`, which keeps `re` from skipping ahead by first letters.
# (longest first, so that `playback rate` is not read as `play` and a remainder)
_PLAYER_WORD = re.compile(
    "|".join(sorted(map(re.escape, _PLAYER_WORDS), key=len, reverse=True)) + r"|[\d:.%x/,\s-]"
)
# What a player line must name to be taken for one (a line of digits is not).
_PLAYER_MARK = re.compile(
    r"video player|play video|mute|current time|remaining time|duration|playback rate|"
    r"modal window|dialog window|captions|subtitles|descriptions|chapters|full ?screen|"
    r"stream type|loaded:"
)
PLAYER_MAX_CHARS = 120
# App promotion: `Download our app`, `Get the app`, `Open in the app` (all name an app).
_APP = re.compile(
    r"^(?:download|get|install|try|open (?:it )?in)\b.{0,40}\bapps?\b|"
    r"\bdownload (?:our|the) .{0,20}\bapps?\b"
)
# ...and in Chinese (`打开APP阅读全文`, `下载客户端`), on a line this short: a sentence
# about an app is news.
_APP_ZH = re.compile(
    r"(?:打开|下载|安装|前往|打開|下載)\s*.{0,8}(?:app|客户端|客戶端)|"
    r"(?:app|客户端)\s*(?:内|內)?(?:打开|阅读|閱讀|查看|观看)|扫码下载|掃碼下載"
)
APP_ZH_MAX_CHARS = 30
# Calls to action under an article: sign-ups, follows, tips, memberships; a line
# this short (a paragraph that opens with the same words is advice).  They open the
# line, or pair a sign-up with a newsletter anywhere in it.
CALL_MAX_CHARS = 120
_CALL_START = re.compile(
    r"(?:please )?(?:sign up|subscribe|register|join|follow us|like us|connect with us|"
    r"stay (?:connected|informed|up to date)|get (?:the latest|our|breaking)|"
    r"never miss|don'?t miss|have a (?:news )?tip|got a (?:news )?tip|send us|email us|"
    r"support (?:our|independent|local)|become a (?:member|subscriber|patron)|"
    r"click here to|tap here to)\b|"
    r"扫码关注|长按(?:识别)?二维码|点击关注"
)
_NEWSLETTER_WORDS = ("newsletter", "mailing list", "inbox")
_CALL_NEWSLETTER = re.compile(
    r"\b(?:newsletter|mailing list|inbox)\b.{0,60}\b(?:sign up|subscribe|delivered|straight to)\b|"
    r"\b(?:sign up|subscribe)\b.{0,60}\b(?:newsletter|mailing list|inbox)\b"
)

# A wiki's maintenance notice over an article (`This article needs additional
# citations…`, `This section is a stub. You can help by expanding it.`).
_WIKI_NOTICE_START = re.compile(
    r"this (?:article|section|page|list|biography)(?: or section)? (?:needs|has (?:multiple|no)|"
    r"is a stub|may (?:need|require|be|contain|lack)|relies|contains|does not|lacks|"
    r"is written like|possibly contains|is missing|is an orphan|has been nominated)\b"
)
_WIKI_HELP = re.compile(r"\byou can help\b.{0,60}\bby (?:expanding|adding|improving)\b")
WIKI_NOTICE_MAX_CHARS = 400


def is_interface(text: str) -> bool:
    """A player's controls, app promotion, a call to action or a wiki's maintenance
    notice (`text`: one line)."""
    if len(text) > WIKI_NOTICE_MAX_CHARS:
        return False
    low = text.lower()
    # (Each pattern that can match anywhere is tried only when the line holds a word it
    # needs: a search that fails costs a step per character.)
    if _WIKI_NOTICE_START.match(low) or ("you can help" in low and _WIKI_HELP.search(low)):
        return True
    if len(text) > MAX_CHARS:
        return False
    if len(text) <= PLAYER_MAX_CHARS and _is_player(low):
        return True
    if len(text) <= APP_ZH_MAX_CHARS and _APP_ZH.search(low) is not None:
        return True
    if "app" in low and _APP.search(low) is not None:
        return True
    if len(text) > CALL_MAX_CHARS:
        return False
    return _CALL_START.match(low) is not None or (
        any(word in low for word in _NEWSLETTER_WORDS) and _CALL_NEWSLETTER.search(low) is not None
    )


def is_player(text: str) -> bool:
    """A line made of a video player's control labels and times only."""
    return _is_player(text.lower())


def _is_player(low: str) -> bool:
    return _PLAYER_MARK.search(low) is not None and not _PLAYER_WORD.sub("", low).strip(".")
