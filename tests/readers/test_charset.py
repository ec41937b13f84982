"""Charset decoding: declarations are checked against the bytes, never trusted."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.article import Page
from newsdesk.errors import DecodeError, EmptyInput, RejectedInput
from newsdesk.readers.charset import (
    charset_codec,
    declared_charset,
    decode,
    page_text,
    sniff_charset,
)

# 镕 is in GBK but not GB2312; 𠮷 only in GB18030 (four bytes).
SIMPLIFIED = (
    "国务院总理朱镕基今天在北京主持召开会议，研究部署经济体制改革工作。会议指出，"
    "要坚持稳中求进，进一步扩大内需，促进就业和社会保障。吉野家的𠮷字也能正确显示。"
)
TRADITIONAL = (
    "臺灣的天氣預報說，明天北部地區會有陣雨，氣溫將下降到攝氏十五度左右。民眾出門時"
    "請記得攜帶雨具，並注意交通安全。中央氣象局表示，這波冷空氣將持續影響到週末。"
)
JAPANESE = (
    "東京都は今日、新しい感染対策を発表しました。専門家によると、来週から気温が下がり、"
    "体調を崩す人が増えるおそれがあるということです。都民には手洗いを呼びかけています。"
)
KOREAN = (
    "서울시는 오늘 새로운 교통 정책을 발표했습니다. 전문가들에 따르면 다음 주부터 기온이 "
    "떨어지고 감기에 걸리는 사람이 늘어날 것으로 보입니다. 시민들은 건강에 유의해야 합니다."
)
ENGLISH = "The café’s “special” costs €5 — a naïve crème brûlée, said the maître d’."
POLISH = "Zażółć gęślą jaźń. Książka była łatwa, więc przeczytałem ją szybko i z przyjemnością."


def html(body: str, meta: str = "") -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


# --- the cases crawls produce --------------------------------------------------


def test_gbk_declared_gb2312_with_gbk_and_gb18030_only_characters() -> None:
    data = html(SIMPLIFIED, "gb2312").encode("gb18030")
    text, used = decode(data, declared="gb2312")
    assert used == "gb18030"
    assert SIMPLIFIED in text
    assert "镕" in text and "𠮷" in text


def test_gbk_page_reads_through_its_meta_declaration() -> None:
    data = html(SIMPLIFIED, "gb2312").encode("gb18030")
    assert SIMPLIFIED in page_text(Page(origin="p.html", kind="html", data=data))


def test_gbk_without_declaration_is_detected() -> None:
    text, used = decode(SIMPLIFIED.encode("gb18030"))
    assert (text, used) == (SIMPLIFIED, "gb18030")


def test_big5_without_declaration() -> None:
    text, used = decode(html(TRADITIONAL).encode("big5"))
    assert used == "big5hkscs"
    assert TRADITIONAL in text


def test_shift_jis_japanese() -> None:
    data = html(JAPANESE).encode("shift_jis")
    assert decode(data) == (html(JAPANESE), "cp932")
    assert decode(data, declared="Shift_JIS") == (html(JAPANESE), "cp932")


def test_euc_kr_korean() -> None:
    assert decode(html(KOREAN).encode("euc-kr")) == (html(KOREAN), "cp949")


def test_euc_jp_japanese() -> None:
    assert decode(html(JAPANESE).encode("euc-jp")) == (html(JAPANESE), "euc_jp")


def test_utf8_with_stale_gbk_declaration() -> None:
    data = html(SIMPLIFIED, "gbk").encode("utf-8")
    assert decode(data, declared="gbk") == (html(SIMPLIFIED, "gbk"), "utf-8")
    assert page_text(Page(origin="p", kind="html", data=data, charset="gb2312")) == html(
        SIMPLIFIED, "gbk"
    )


def test_windows_1252_english() -> None:
    data = html(ENGLISH).encode("cp1252")
    assert decode(data) == (html(ENGLISH), "cp1252")
    # Latin-1 declared: browsers (and we) read it as windows-1252, smart quotes included.
    assert decode(data, declared="ISO-8859-1") == (html(ENGLISH), "cp1252")


def test_windows_1252_unassigned_bytes_do_not_fail() -> None:
    text, used = decode(b"caf\xe9 \x81 menu", declared="windows-1252")
    assert (text, used) == ("café \x81 menu", "cp1252")


def test_central_european_without_declaration() -> None:
    text, used = decode(html(POLISH).encode("iso-8859-2"))
    assert (text, used) == (html(POLISH), "iso8859_2")


def test_latin1_server_default_over_gbk_bytes() -> None:
    # The HTTP header says ISO-8859-1 (a server default), the bytes are GBK.
    data = html(SIMPLIFIED, "gbk").encode("gb18030")
    page = Page(origin="w#1", kind="html", data=data, charset="iso-8859-1")
    assert declared_charset(page) == "gbk"
    assert decode(data, declared="iso-8859-1") == (html(SIMPLIFIED, "gbk"), "gb18030")


def test_latin1_declaration_kept_over_a_little_mojibake() -> None:
    # "Â\xa0" runs (UTF-8 no-break spaces saved as Latin-1) are not CJK text.
    page = "Price:\xa0€5 — Â\xa0Â\xa0Â\xa0 é " * 20
    data = html(page).encode("cp1252")
    assert decode(data, declared="iso-8859-1") == (html(page), "cp1252")


def test_utf8_page_with_a_cut_last_character() -> None:
    data = html(SIMPLIFIED).encode("utf-8") + "中".encode()[:2]
    text, used = decode(data)
    assert used == "utf-8"
    assert text.endswith("</html>\ufffd")


def test_iso_2022_jp() -> None:
    data = JAPANESE.encode("iso2022_jp")
    assert decode(data) == (JAPANESE, "iso2022_jp")


# --- BOMs, empties, junk -------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_bom_decides_and_is_stripped(codec: str) -> None:
    data = SIMPLIFIED.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    text, _ = decode(data, declared="gbk")
    assert text == SIMPLIFIED


def test_empty_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        decode(b"")
    with pytest.raises(EmptyInput):
        page_text(Page(origin="e.txt", kind="text", data=b""))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary content (PNG image), not text"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "binary content (gzip data), not text"),
        (b"text\x00with\x00nuls\x00" * 10, "binary content"),
        (bytes(range(1, 32)) * 20, "binary content"),
    ],
)
def test_binary_junk_is_a_decode_error(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as err:
        decode(data)
    assert err.value.reason.startswith(reason)


def test_page_text_names_the_page_in_its_error() -> None:
    with pytest.raises(DecodeError) as err:
        page_text(Page(origin="dump.warc.gz#urn:1", kind="html", data=bytes(64)))
    assert err.value.origin == "dump.warc.gz#urn:1"
    assert "binary content" in err.value.reason


def test_page_text_prefers_text_already_decoded() -> None:
    page = Page(origin="p", kind="text", data=b"\xff\xfe junk", text="已解码")
    assert page_text(page) == "已解码"


# --- declarations ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b'<meta charset="GB2312">', "gb2312"),
        (b"<META charset=gbk>", "gbk"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=big5" />', "big5"),
        (b'<?xml version="1.0" encoding="Shift_JIS"?><html>', "shift_jis"),
        (b"<html><body>no declaration</body></html>", None),
        (b" " * 9000 + b'<meta charset="gbk">', None),  # too far down to count
    ],
)
def test_sniff_charset(data: bytes, label: str | None) -> None:
    assert sniff_charset(data) == label


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("x-gbk", "gb18030"),
        ("big5", "big5hkscs"),
        ("Shift_JIS", "cp932"),
        ("euc-kr", "cp949"),
        ("iso-8859-1", "cp1252"),
        ("UTF8", "utf-8"),
        ("koi8-r", "koi8-r"),
        ("utf-7", None),
        ("utf-16", None),
        ("no-such-charset", None),
        (None, None),
    ],
)
def test_charset_codec(label: str | None, codec: str | None) -> None:
    assert charset_codec(label) == codec


def test_unknown_declaration_is_ignored() -> None:
    data = SIMPLIFIED.encode("gb18030")
    assert decode(data, declared="x-made-up") == (SIMPLIFIED, "gb18030")


# --- properties --------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cc", "Cs"], blacklist_characters="\ufeff"),
    min_size=1,
)


@given(_TEXT)
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode(text.encode("utf-8"), declared="gb2312") == (text, "utf-8")


@given(st.binary(max_size=2000), st.sampled_from([None, "gbk", "big5", "iso-8859-1", "utf-8"]))
def test_any_bytes_decode_or_are_rejected(data: bytes, declared: str | None) -> None:
    try:
        text, used = decode(data, declared=declared)
    except RejectedInput as exc:
        assert exc.reason
    else:
        assert isinstance(text, str) and used
