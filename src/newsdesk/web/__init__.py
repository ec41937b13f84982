"""The portal: a web reader and a JSON API over the newsdesk store.

    from newsdesk.web import create_app, serve

`app` builds the ASGI app; pages (`pages`), feeds (`feeds`) and the API (`api`)
read the store through the one query layer (`newsdesk.store.queries`), with `memo`
keeping its answers until the store changes; `security` holds what keeps crawled text
inert, `i18n` the interface's two languages, and `templates/` and `static/` the
markup, style and the little script there is.
"""

from __future__ import annotations

from newsdesk.web.app import create_app, serve

__all__ = ["create_app", "serve"]
