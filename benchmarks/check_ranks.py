"""Count the persons of an output whose rank is no person's rank (issue 22); 0 expected.

    python benchmarks/check_ranks.py --out DIR [--show 10]

A person with a rank is counted when the rank word written before its mentions always stands
inside "Thủ tướng" (the Prime Minister, however spaced or misspelt: "Bình.Thủ tướng",
"T hủ tướng", "Phó Trủ tướng") or right after a vessel or role word ("tàu sân bay Đô đốc
Kuznetsov", "vai đại tá Yoo Shi Jin"; the words are those of pipeline/resources/not_rank_before.tsv).
Also counted, as a third reason: "Tướng" read from another word of that file ("lão tướng", "kiện tướng").
Prints the count, by reason, with examples.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.core.resource_files import read_table  # noqa: E402
from pipeline.query.explore import open_output  # noqa: E402

# "tướng" of the Prime Minister: "thủ", "Thủ", "T hủ", "Trủ", glued to what precedes or not
PRIME_MINISTER_RE = re.compile(r"(?<!\w)(?:t\s*h|tr)ủ\s*$", re.IGNORECASE)
# between a rank word and the name: spaces and at most four capitalised words ("Việt Nam", "Không quân Mỹ")
GAP_RE = re.compile(r"(?:\s+[^\W\d_][\w-]*){0,4}\s+")


def rank_surfaces() -> dict[str, list[str]]:
    """Canonical rank -> its spellings, longest first."""
    surfaces: dict[str, list[str]] = defaultdict(list)
    for surface, canonical in read_table("ranks.tsv"):
        surfaces[canonical].append(surface)
    return {rank: sorted(spellings, key=len, reverse=True) for rank, spellings in surfaces.items()}


@lru_cache(maxsize=1)
def thing_context_res() -> tuple[re.Pattern, re.Pattern]:
    """The text before a rank word ends with a vessel word (and maybe a modifier) or a role word;
    the text before a rank word ends with words that name no ship ("đóng tàu": shipbuilding)."""
    words = defaultdict(list)
    for phrase, kind in read_table("not_rank_before.tsv"):
        words[kind].append(re.escape(phrase))
    vessel, modifier, role, not_vessel = ("|".join(sorted(words[kind], key=len, reverse=True))
                                          for kind in ("vessel", "vessel_modifier", "role", "not_vessel"))
    return (re.compile(rf"(?<!\w)(?:(?:{vessel})(?: (?:{modifier}))?|{role})\s*$", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{not_vessel})\s*$", re.IGNORECASE))


@lru_cache(maxsize=1)
def other_word_re() -> re.Pattern:
    """The text before "tướng" ends a word it belongs to: "lão tướng" (a veteran player), "kiện tướng"."""
    prefixes = [re.escape(phrase.rsplit(" ", 1)[0]) for phrase, kind in read_table("not_rank_before.tsv")
                if kind == "inside" and phrase.endswith(" tướng")]
    return re.compile(rf"(?<!\w)(?:{'|'.join(prefixes)})\s*$", re.IGNORECASE)


def rank_before(text: str, start: int, spellings: list[str]) -> int | None:
    """Start of the rank word (one of `spellings`) written right before a mention at `start`."""
    window = text[max(0, start - 80):start]
    best = None
    for spelling in spellings:
        for m in re.finditer(re.escape(spelling), window, re.IGNORECASE):
            if (m.start() == 0 or not window[m.start() - 1].isalnum()) and GAP_RE.fullmatch(window[m.end():]):
                best = m.start() if best is None else min(best, m.start())
    return None if best is None else start - len(window) + best


def false_rank_reason(before: str, rank: str, glued: bool = False) -> str | None:
    """Why the rank word after the text `before` is no person's rank, or None. `glued`: also count a
    rank word glued to the letters before it."""
    (thing_re, no_ship_re), word_re = thing_context_res(), other_word_re()
    if PRIME_MINISTER_RE.search(before) and rank == "Tướng":
        return "inside Thủ tướng"
    if glued and before[-1:].isalpha():
        return "glued to a word"
    if thing_re.search(before) and not no_ship_re.search(before):
        return "after a vessel/role word"
    if word_re.search(before) and rank == "Tướng":
        return "inside another word (lão tướng, kiện tướng...)"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path, help="output folder of `vnextract run`")
    ap.add_argument("--show", type=int, default=10, help="examples to print per reason")
    args = ap.parse_args()
    con = open_output(str(args.out))
    rows = con.sql("""
        SELECT a.doc_id, a.entity_id, a.name, a.rank, m.start, d.text
        FROM appearances a
        JOIN mentions m ON m.doc_id = a.doc_id AND m.entity_id = a.entity_id AND m.label = 'PERSON'
        JOIN documents d ON d.doc_id = a.doc_id
        WHERE a.rank IS NOT NULL ORDER BY a.doc_id, a.entity_id, m.start""").fetchall()
    surfaces = rank_surfaces()
    persons: dict[tuple[str, str], dict] = {}
    for doc_id, entity_id, name, rank, start, text in rows:
        person = persons.setdefault((doc_id, entity_id), {"name": name, "rank": rank, "good": 0, "bad": []})
        rank_start = rank_before(text, start, surfaces.get(rank, [rank]))
        if rank_start is None:
            continue
        before = text[max(0, rank_start - 60):rank_start]
        reason = false_rank_reason(before, rank)
        if reason is None:
            person["good"] += 1
        else:
            snippet = text[max(0, rank_start - 40):start + len(name) + 10].replace("\n", " ")
            person["bad"].append((reason, snippet))
    flagged = defaultdict(list)
    for (doc_id, _), person in persons.items():
        if person["bad"] and not person["good"]:
            reason, snippet = person["bad"][0]
            flagged[reason].append(f"{doc_id}  {person['name']!r} rank={person['rank']}  …{snippet}…")
    total = sum(len(v) for v in flagged.values())
    print(f"persons with a rank: {len(persons)}; with a false rank: {total}")
    for reason in sorted(flagged):
        print(f"  {reason}: {len(flagged[reason])}")
        for example in flagged[reason][:args.show]:
            print(f"    {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
