#!/usr/bin/env bash
# Create .venv-bench in the repository root with newsdesk (editable) and the extraction
# peers that benchmarks/extraction.py compares against. The project's own venv stays clean.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${BENCH_VENV:-$repo/.venv-bench}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip install --quiet)

"${pip[@]}" --upgrade pip
"${pip[@]}" -e "$repo"
"${pip[@]}" -r "$repo/benchmarks/requirements-peers.txt"
# magic-html 0.1.8's wheel says Python >= 3.12, yet runs on 3.11; its dependencies come
# from requirements-peers.txt above.
"${pip[@]}" --ignore-requires-python --no-deps "magic-html==0.1.8"

"$venv/bin/python" - <<'PY'
import importlib

for name in ("trafilatura", "htmldate", "readability", "gne", "resiliparse", "newspaper",
             "jieba", "magic_html"):
    importlib.import_module(name)
print("peers installed:", __import__("sys").prefix)
PY
