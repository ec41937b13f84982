"""The ground floor for text: rules every layer shares (readers, enrichment, stories).

- `cjk`: the CJK character classes, written once;
- `normal`: the one normal form (NFKC, simplified, case folded) for index and comparison;
- `sentences`: sentences with their offsets;
- `zones`: which offset a page's own clock is read in;
- `urls`: URLs split and joined without raising on malformed ones.
"""
