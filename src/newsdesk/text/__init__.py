"""The ground floor for text: rules every layer shares (readers, enrichment, stories).

- `zones`: which offset a page's own clock is read in.
"""
