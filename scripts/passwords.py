#!/usr/bin/env python3
"""Rebuilds data/passwords/common.txt.gz from the two npm packages (see its PROVENANCE.md).
Usage: scripts/passwords.py DIR, where DIR holds the unpacked `npm pack` tarballs of
@zxcvbn-ts/language-common@4.1.3 and @zxcvbn-ts/language-fr@4.1.2."""
import gzip, json, pathlib, sys

root = pathlib.Path(sys.argv[1])
common = json.load(open(next(root.glob("*language-common*/package/src/passwords.json"))))
french = json.load(open(next(root.glob("*language-fr*/package/src/commonWords.json"))))
words = sorted({w.strip().lower() for w in common + french if w.strip() and "\n" not in w})
out = pathlib.Path(__file__).resolve().parent.parent / "data/passwords/common.txt.gz"
with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as g:
    g.write("\n".join(words) + "\n")
print(f"{len(words)} entries -> {out}")
