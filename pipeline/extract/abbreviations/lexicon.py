"""Abbreviation shapes and the curated lexicon (resources/abbreviations.tsv, abbreviation_heads.txt).

A short form starts with a capital and has a second capital or "&" in its first run ("UBND",
"TP.HCM", "GD&ĐT", "ThS", "GD - ĐT"); `short_key` drops spaces so that "GD & ĐT" finds "GD&ĐT".
A lexicon short may have several senses ("CP": Chính phủ / cổ phần), each with hint words.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.resource_files import read_list, read_table

_UPPER = "".join(chr(c) for c in range(0x41, 0x1F00) if chr(c).isalpha() and chr(c).isupper())
UP = "[" + re.escape(_UPPER) + "]"
_CHUNK = r"[^\W_]+"
# An abbreviation-shaped token: starts with a capital, has a second capital (or "&") in its first
# run, and may join chunks with ".", "&", "-", "/" or a spaced "&" / "-" ("GD & ĐT", "Bộ GD - ĐT").
TOKEN_RE = re.compile(
    rf"(?<![\w&./\-])(?={UP}[\w&./\-]*?(?:{UP}|&))"
    rf"{_CHUNK}(?:(?:[.&/]|-(?=[^\W_])| [&\-] (?={UP})){_CHUNK})*"
)
CHUNK_RE = re.compile(_CHUNK)
DOMAIN_SUFFIX_RE = re.compile(r"\.(?:vn|com|net|org)$", re.IGNORECASE)
NEXT_CAPITAL_RE = re.compile(rf"[.\s]{{1,2}}{UP}")

SHORT_SHAPE = rf"{UP}[\w&.\-]*?(?:{UP}|&)[\w&.\-]*"
SHORT_SHAPE_RE = re.compile(SHORT_SHAPE)


@dataclass(frozen=True, slots=True)
class Sense:
    short: str
    long: str
    domain: str
    ambiguous: bool
    hints: re.Pattern | None
    next_capital: bool  # "@Cap": the following word is capitalized ("TP Hà Nội")


def short_key(short: str) -> str:
    """Lookup key of a short form: spaces dropped, so "GD & ĐT" finds "GD&ĐT"."""
    return short.replace(" ", "")


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, tuple[Sense, ...]]:
    senses: dict[str, list[Sense]] = defaultdict(list)
    for short, long, domain, ambiguous, context in read_table("abbreviations.tsv", header=True, width=5):
        words = [w.strip() for w in context.split("|") if w.strip() and w != "@Cap"]
        hints = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)") if words else None
        senses[short_key(short)].append(
            Sense(short, long, domain, ambiguous.strip() == "1", hints, "@Cap" in context.split("|"))
        )
    return {k: tuple(v) for k, v in senses.items()}


@lru_cache(maxsize=1)
def multiword_continuations() -> dict[str, tuple[tuple[str, str], ...]]:
    """Lexicon shorts with a space that the tokenizer does not join ("QĐND Online"):
    first piece → ((rest of the text, key), ...), longest first."""
    conts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, senses in load_lexicon().items():
        for short in {s.short for s in senses}:
            first, sep, rest = short.partition(" ")
            if sep and not re.match(r"[&\-] ", rest):
                bare = first.rstrip(".")  # the tokenizer leaves a final "." out ("TP. HCM")
                conts[short_key(bare)].append((first[len(bare):] + " " + rest, key))
    return {k: tuple(sorted(v, key=lambda c: -len(c[0]))) for k, v in conts.items()}


@lru_cache(maxsize=1)
def head_words() -> tuple[tuple[str, ...], ...]:
    heads = {tuple(line.split()) for line in read_list("abbreviation_heads.txt")}
    return tuple(sorted(heads, key=len, reverse=True))
