"""Turning page bytes into text: declared charsets are checked, never trusted.

Crawled pages lie about their encoding.  Many were re-encoded to UTF-8 and kept a
stale `<meta charset=gb2312>`; servers send `ISO-8859-1` by default over GBK pages;
`gb2312` pages use GBK-only characters.  So `decode` works from the bytes:

1. a byte-order mark decides outright (and is stripped);
2. binary junk (file signatures, NUL bytes, control characters) is refused;
3. strict UTF-8 is tried first, whatever is declared (a few broken bytes in an
   otherwise clearly UTF-8 page are replaced rather than misread as GBK);
4. the declared charset, widened to its superset (GB2312/GBK -> GB18030, Big5 ->
   Big5-HKSCS, Shift_JIS -> cp932, EUC-KR -> cp949, Latin-1 -> windows-1252), is
   used if the bytes decode strictly in it — except a Latin declaration over bytes
   that are plainly multi-byte text, the commonest lie;
5. otherwise a fast guess from byte statistics (a few C-speed passes) picks among
   GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR and windows-1252;
6. charset-normalizer, run on the page's prose only, is the slow last resort (it
   knows the single-byte Cyrillic, Greek and Central European charsets); when
   nothing fits, `DecodeError`.
"""

from __future__ import annotations

import codecs
import logging
import re

from newsdesk.article import Page
from newsdesk.errors import DecodeError, EmptyInput

logger = logging.getLogger(__name__)

# Labels pages use, mapped to the codec that decodes them correctly: the WHATWG
# encoding standard's supersets (browsers decode `gb2312` as GBK/GB18030 and
# `iso-8859-1` as windows-1252, and pages rely on it).
_SUPERSETS = {
    "gb18030": "gb2312 gbk gb18030 cp936 x-gbk chinese csgb2312 iso-ir-58 euc-cn x-euc-cn "
    "gb-2312 gb-2312-80 ms936 windows-936",
    "big5hkscs": "big5 big5-hkscs big5hkscs x-x-big5 cn-big5 csbig5 cp950 x-big5 ms950 windows-950",
    "cp932": "shift-jis sjis x-sjis ms-kanji csshiftjis windows-31j cp932 ms932 x-ms-cp932",
    "cp949": "euc-kr ks-c-5601-1987 ks-c-5601-1989 ksc5601 ksc-5601 korean windows-949 "
    "cp949 uhc csksc56011987 iso-ir-149",
    "cp1252": "iso-8859-1 iso8859-1 latin1 latin-1 l1 us-ascii ascii windows-1252 cp1252 "
    "x-cp1252 cp819 ibm819 iso-ir-100 csisolatin1 ansi-x3.4-1968",
    "utf-8": "utf-8 utf8 unicode-1-1-utf-8 x-unicode20utf8",
}
_LABELS = {label: codec for codec, labels in _SUPERSETS.items() for label in labels.split()}
# Never honoured from a declaration: UTF-16/32 count only with a BOM (WHATWG
# treats a declared utf-16 as utf-8) and UTF-7 is a script-injection vector.
_IGNORED = frozenset(
    {
        "utf-16",
        "utf-16le",
        "utf-16be",
        "utf-32",
        "utf-32le",
        "utf-32be",
        "unicode",
        "ucs-2",
        "utf-7",
        "x-user-defined",
    }
)
# When a family's main codec fails strictly, its relatives are tried.
_ALTERNATES = {"big5hkscs": ("cp950", "big5"), "cp932": ("shift_jis",)}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x7fELF", "executable"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
)

# Bytes that never occur in text (tab, newlines, form feed and ESC — used by
# ISO-2022 — excepted).  Text has next to none; random binary has about 10%.
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")
_MAX_CONTROL_SHARE = 0.01
_MAX_NUL_SHARE = 0.001
_HIGH = bytes(range(128, 256))

# A page that is clearly UTF-8 (many valid multi-byte characters) may still carry a
# few broken bytes (a cut-off last character, a pasted snippet); it stays UTF-8 when
# its valid non-ASCII characters outnumber the broken bytes by this factor.  A probe
# after the first broken byte rules out legacy-encoded pages (errors everywhere)
# without decoding them whole.
_UTF8_GOOD_PER_BAD = 50
_UTF8_PROBE_BYTES = 4096
_UTF8_PROBE_MAX_BAD = 4
# Decoding in a guessed codec may replace at most this share of non-ASCII characters.
_MAX_REPLACED_SHARE = 0.01

# Statistics are taken over a window of the page, to bound their cost: from its
# first high byte (the head of a page is often pure-ASCII scripts); if that shows
# no multi-byte text, from the next run of four high bytes (two CJK characters).
_STATS_BYTES = 16384
_FIRST_HIGH = re.compile(rb"[\x80-\xff]")
_DENSE = re.compile(rb"[\x80-\xff]{4}")
# Multi-byte text puts its high bytes in runs (Western single-byte text has accented
# letters standing alone) and shows many distinct byte pairs (mojibake such as
# "Â\xa0" or runs of dashes in a Latin page repeat a handful of pairs).
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
_PAIR = re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")
_MIN_CLUSTERED_SHARE = 0.3
_MIN_DISTINCT_PAIRS = 16
# Per charset, the byte ranges its commonest characters use.
_MIN_SJIS_LEAD_SHARE = 0.35  # kana (0x82/0x83) and level-1 kanji (0x88-0x9f) leads
_MIN_BIG5_LOW_TRAIL_SHARE = 0.15  # Big5 uses 0x40-0x7e trails for ~40% of hanzi
_MIN_EUCJP_KANA_SHARE = 0.25  # EUC-JP kana rows 0xa4/0xa5
_MIN_HANGUL_LEAD_SHARE = 0.8  # EUC-KR hangul rows 0xb0-0xc8; GB hanzi spread wider
# Single-byte Latin text: the charset under which the accented bytes inside words
# read as letters wins (Polish "ł" is "³" in windows-1252, "ą" is "±"); ties go
# to windows-1252, the web's default.
_LATIN_CODECS = ("cp1252", "iso8859_2", "cp1250")
_IN_WORD_HIGH = re.compile(rb"(?<=[a-zA-Z])[\x80-\xff](?=[a-zA-Z])")


def _letter_bytes(codec: str) -> bytes:
    return bytes(b for b in range(128, 256) if bytes([b]).decode(codec, "replace").isalpha())


_LATIN_LETTERS = {codec: _letter_bytes(codec) for codec in _LATIN_CODECS}

# charset-normalizer reads the text between tags that holds high bytes (markup and
# scripts drown its language statistics), at most this much of it.  The look-behind
# keeps the scan linear: a segment is only tried from just after a tag.
_PROSE = re.compile(rb"(?<=>)[^<>\x80-\xff]*[\x80-\xff][^<>]*")
_PROSE_SCAN = 1 << 20
_PROSE_BYTES = 8192

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# Where to look for a declaration: the HTML spec scans 1 KiB, but Chinese portals
# often put long titles, keywords and scripts before their meta charset.
_SNIFF_BYTES = 8192
_ISO2022_ESCAPES = (
    (b"\x1b$B", "iso2022_jp"),
    (b"\x1b$@", "iso2022_jp"),
    (b"\x1b$)C", "iso2022_kr"),
)


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    """Decode windows-1252's five unassigned bytes as C1 controls, as browsers do."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(b) for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error("newsdesk-c1", _c1_passthrough)


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, codec used).

    `declared` is the charset the page or its server claimed; it is checked against
    the bytes.  Raises `EmptyInput` for no bytes and `DecodeError` for binary junk.
    """
    if not data:
        raise EmptyInput("empty page")
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            unmarked = data[len(bom) :].decode(bom_codec, "replace")
            if _not_text(unmarked):
                break  # binary that happens to start like a BOM
            return unmarked, bom_codec
    reason = binary_reason(data)
    if reason:
        raise DecodeError(reason)
    found = _iso2022(data) or _utf8(data)
    if found:
        return found
    codec = charset_codec(declared)
    text: str | None
    # A declaration is believed when the bytes decode strictly in it, except
    # Latin-1/windows-1252 (decodes anything; often a server default) over bytes
    # that are plainly multi-byte text.
    if codec and codec != "cp1252":
        text = _strict(data, codec)
        if text is not None:
            return _strip_bom(text), codec
    sample, multibyte = _sample(data)
    if codec == "cp1252" and not multibyte:
        return _strip_bom(data.decode(codec, "newsdesk-c1")), codec
    for guess in _guesses(sample, multibyte=multibyte):
        text = _strict(data, guess) or _lenient(data, guess)
        if text is not None:
            return _strip_bom(text), guess
    text = _lenient(data, codec) if codec else None
    if codec and text is not None:
        return _strip_bom(text), codec
    return _normalizer_guess(data)


def page_text(page: Page) -> str:
    """The text of a page: `page.text` if a reader set it, else its decoded bytes."""
    if page.text is not None:
        return page.text
    if not page.data:
        raise EmptyInput("empty page", page.origin)
    try:
        text, _ = decode(page.data, declared=declared_charset(page))
    except DecodeError as exc:
        raise DecodeError(exc.reason, page.origin) from None
    return text


def declared_charset(page: Page) -> str | None:
    """The charset a page claims: its server's, unless that is the Latin-1 default
    many servers send while the page itself declares something else."""
    sniffed = sniff_charset(page.data or b"")
    if page.charset and (sniffed is None or charset_codec(page.charset) != "cp1252"):
        return page.charset
    return sniffed or page.charset


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML declaration)."""
    m = _META_CHARSET.search(data, 0, _SNIFF_BYTES)
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii").lower()


def charset_codec(label: str | None) -> str | None:
    """The Python codec to decode a declared charset label with, or None if unusable."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower().replace("_", "-")
    if name in _IGNORED:
        return None
    if name in _LABELS:
        return _LABELS[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        logger.debug("unknown charset label %r", label)
        return None


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are binary rather than text, or None if they may be text."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return f"binary content ({what}), not text"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "binary content (RIFF media), not text"
    return _control_reason(data)


def _control_reason(data: bytes) -> str | None:
    nuls = data.count(0)
    controls = len(data) - len(data.translate(None, _CONTROLS))
    if nuls > _MAX_NUL_SHARE * len(data) or controls > _MAX_CONTROL_SHARE * len(data):
        return f"binary content, not text ({controls} control bytes in {len(data)})"
    return None


def _not_text(text: str) -> bool:
    replaced = text.count("\ufffd") > _MAX_REPLACED_SHARE * len(text)
    return replaced or _control_reason(text.encode("utf-8", "surrogatepass")) is not None


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _iso2022(data: bytes) -> tuple[str, str] | None:
    """7-bit ISO-2022 pages are valid ASCII, so they must be caught before UTF-8."""
    if b"\x1b" not in data:
        return None
    for escape, codec in _ISO2022_ESCAPES:
        if escape in data:
            text = _strict(data, codec)
            if text is not None:
                return text, codec
    return None


def _utf8(data: bytes) -> tuple[str, str] | None:
    try:
        return _strip_bom(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    probe = data[first_bad : first_bad + _UTF8_PROBE_BYTES].decode("utf-8", "replace")
    if probe.count("\ufffd") > _UTF8_PROBE_MAX_BAD:
        return None
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if _non_ascii(text) - bad >= _UTF8_GOOD_PER_BAD * bad:
        return _strip_bom(text), "utf-8"
    return None


def _strict(data: bytes, codec: str) -> str | None:
    for name in (codec, *_ALTERNATES.get(codec, ())):
        try:
            return data.decode(name, "newsdesk-c1" if name == "cp1252" else "strict")
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _lenient(data: bytes, codec: str) -> str | None:
    """Decode with replacements, if only a few characters need replacing."""
    try:
        text = data.decode(codec, "replace")
    except LookupError:
        return None
    if text.count("\ufffd") <= _MAX_REPLACED_SHARE * _non_ascii(text):
        return text
    return None


def _sample(data: bytes) -> tuple[bytes, bool]:
    """The window of the page to take statistics over, and whether its high bytes
    read as multi-byte (or non-Latin) text."""
    first = _FIRST_HIGH.search(data)
    start = first.start() if first else 0
    sample = data[start : start + _STATS_BYTES]
    if _looks_multibyte(sample):
        return sample, True
    # A few CJK characters in a title, then scripts: look where the text goes on.
    dense = _DENSE.search(data, start + len(sample))
    if dense is None:
        return sample, False
    further = data[dense.start() : dense.start() + _STATS_BYTES]
    return (further, True) if _looks_multibyte(further) else (sample, False)


def _looks_multibyte(sample: bytes) -> bool:
    """Whether the high bytes read as multi-byte (or non-Latin) text."""
    high = len(sample) - len(sample.translate(None, _HIGH))
    if not high:
        return False
    in_runs = len(b"".join(_HIGH_RUN.findall(sample)))
    if in_runs < _MIN_CLUSTERED_SHARE * high:
        return False
    return len(set(_PAIR.findall(sample))) >= _MIN_DISTINCT_PAIRS


def _guesses(sample: bytes, *, multibyte: bool) -> list[str]:
    """Likely codecs for bytes that are not UTF-8, best first."""
    if multibyte:
        return _multibyte_guesses(sample)
    in_words = b"".join(_IN_WORD_HIGH.findall(sample))

    def letters(codec: str) -> int:
        return len(in_words) - len(in_words.translate(None, _LATIN_LETTERS[codec]))

    return sorted(_LATIN_CODECS, key=letters, reverse=True)


def _multibyte_guesses(sample: bytes) -> list[str]:
    pairs = b"".join(_PAIR.findall(sample))
    leads, trails = pairs[0::2], pairs[1::2]
    n = len(leads) or 1

    def share(seq: bytes, lo: int, hi: int) -> float:
        return (len(seq) - len(seq.translate(None, bytes(range(lo, hi + 1))))) / n

    if share(leads, 0x81, 0x9F) >= _MIN_SJIS_LEAD_SHARE:
        return ["cp932", "gb18030"]
    if share(trails, 0x40, 0x7E) >= _MIN_BIG5_LOW_TRAIL_SHARE:
        return ["big5hkscs", "gb18030"]
    if share(leads, 0xA4, 0xA5) >= _MIN_EUCJP_KANA_SHARE:
        return ["euc_jp", "gb18030"]
    if share(leads, 0xB0, 0xC8) >= _MIN_HANGUL_LEAD_SHARE:
        return ["cp949", "gb18030"]
    return ["gb18030", "big5hkscs"]


def _normalizer_best(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    prose = b"\n".join(_PROSE.findall(data, 0, _PROSE_SCAN))[:_PROSE_BYTES] or data[:_PROSE_BYTES]
    best = from_bytes(prose).best()
    if best is None or best.encoding is None:
        return None
    return codecs.lookup(best.encoding).name


def _normalizer_guess(data: bytes) -> tuple[str, str]:
    """The slow last resort; refuses bytes that fit no charset."""
    codec = _normalizer_best(data)
    if codec is None:
        raise DecodeError("undecodable: the bytes fit no known charset")
    text = _strict(data, codec) or _lenient(data, codec)
    if text is None:
        raise DecodeError(f"undecodable: the bytes are not valid {codec}")
    return _strip_bom(text), codec
