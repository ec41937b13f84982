"""`python -m newsdesk.cli`."""

from newsdesk.cli import run

run()
