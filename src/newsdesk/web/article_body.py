"""An article's body as its page shows it: paragraphs with the figures set among them.

A figure is a caption, and (when the reader chose to see images) the picture the
page showed, loaded from its site: only http(s) addresses whose origin the page's
Content-Security-Policy can name (`security.csp_source`), so the policy lets those
images load and nothing else.  Off by default: a hostile page's "image" can be a
tracking pixel that tells its site who reads the article and when.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.article import Article
from newsdesk.web.security import csp_source, safe_href


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the body as shown: a paragraph, or a figure with its caption."""

    kind: str  # "p" or "figure"
    text: str
    href: str | None = None  # the image on the original page, when its address is safe
    origin: str | None = None  # set when the image itself is shown: where it loads from


def figures(a: Article, *, pictures: bool = False) -> list[Part]:
    """The article's captions as figures (each with its image's address when the page
    gave one); with `pictures`, its images without a caption too, each to be shown."""
    base = a.url or a.canonical_url
    hrefs = {img.caption: safe_href(img.url, base) for img in a.images if img.caption}
    found = [Part("figure", c, hrefs.get(c)) for c in a.captions if c.strip()]
    if not pictures:
        return found
    captioned = {p.text for p in found}
    found += [
        Part("figure", "", href)
        for img in a.images
        if not (img.caption and img.caption in captioned)
        and (href := safe_href(img.url, base)) is not None
    ]
    return [Part("figure", p.text, p.href, csp_source(p.href) if p.href else None) for p in found]


def image_origins(parts: list[Part]) -> list[str]:
    """The origins the images shown among `parts` load from (for the page's policy)."""
    return sorted({p.origin for p in parts if p.origin})


def layout(a: Article, *, pictures: bool = False) -> list[Part]:
    """Paragraphs with the figures set among them.

    The article keeps captions apart from the body without their positions, and
    portals put pictures between paragraphs, so the figures are spread evenly
    through the text (the first after the opening paragraph) rather than piled at
    the end, where a caption would read as part of the closing.
    """
    shown = figures(a, pictures=pictures)
    paragraphs = [Part("p", p) for p in a.body if p.strip()]
    if not shown or not paragraphs:
        return paragraphs + shown
    out: list[Part] = []
    step = len(paragraphs) / (len(shown) + 1)
    slots = [max(1, round(step * (k + 1))) for k in range(len(shown))]
    pending = list(zip(slots, shown, strict=True))
    for i, para in enumerate(paragraphs, start=1):
        out.append(para)
        while pending and pending[0][0] <= i:
            out.append(pending.pop(0)[1])
    out += [f for _, f in pending]
    return out
