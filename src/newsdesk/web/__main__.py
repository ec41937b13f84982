"""`python -m newsdesk.web [--db STORE] [--host H] [--port P] [--workers N]`: the same as
`newsdesk serve`."""

from __future__ import annotations

import argparse

from newsdesk import settings
from newsdesk.web.app import serve


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m newsdesk.web", description=__doc__)
    ap.add_argument("--db", default=settings.get("db"))
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsdesk: serving {args.db} at http://{host}:{args.port}/", flush=True)
    serve(args.db, args.host, args.port, workers=args.workers)


if __name__ == "__main__":
    main()
