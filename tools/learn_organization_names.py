"""Learn the lower-case endings of official organization names from a corpus.

Vietnamese official names go on in lower case: "Cục Quản lý cạnh tranh", "Cục Gìn giữ hòa bình
Việt Nam", "Cục Cảnh sát điều tra tội phạm về trật tự xã hội". The organizations stage reads a name
up to its first lower-case word that is not a known name word, so such names are cut short. This
script reads a corpus, finds every organization the stage recognises, and looks at the lower-case
words written right after it. An ending is learned when the same words follow the same name in
several documents, in a good share of its occurrences, and the name usually stops after them
(punctuation, a capitalised word or the end of the text follow): a name's own ending, not the
predicate of a sentence ("Bộ Công an đã …", "Bộ Công an điều tra …").

    python tools/learn_organization_names.py ../shared/corpus/baomoi.jsonl.gz \
        --out pipeline/resources/organizations_learned.tsv

The output is data (one learned name per line, with its evidence), reviewed like any lexicon.
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.core.normal_form import normalize_text
from pipeline.core.resource_files import read_list
from pipeline.extract.organizations.component import find_organizations
from pipeline.extract.organizations.lexicon import head_names
from pipeline.extract.people.names import is_place
from pipeline.text.lexical import ABBR, LOWER, PUNCT, syllables_of

MAX_ENDING = 9  # syllables: "tội phạm về trật tự quản lý kinh tế"
# Words that join the parts of an official name ("Phòng Cảnh sát điều tra tội phạm về ma túy", "… về kinh tế
# và tham nhũng"): inside an ending, never its last word, although they end a name everywhere else.
INNER_CONNECTORS = frozenset({"về", "và"})


def endings_in(text: str):
    """(name as written, lower-case words after it, what follows them, abbreviation in brackets
    right after the k-th word or None) for each organization the stage finds, and the set of the
    names found (case-folded)."""
    syllables = syllables_of(text)
    by_start = {s.start: i for i, s in enumerate(syllables)}
    mentions = find_organizations(text, None, syllables, learned=frozenset())  # as read without learning
    found = []
    for mention in mentions:
        if mention.end >= len(text) or text[mention.end] != " " or mention.end + 1 not in by_start:
            continue
        i = by_start[mention.end + 1]
        words, bracketed = [], set()
        while i < len(syllables) and len(words) < MAX_ENDING and syllables[i].kind == LOWER \
                and syllables[i].start == (syllables[i - 1].end + 1 if words else mention.end + 1):
            words.append(syllables[i].text)
            i += 1
            if i + 2 < len(syllables) and syllables[i].text == "(" and syllables[i + 1].kind == ABBR \
                    and syllables[i + 2].text == ")":
                bracketed.add(len(words))  # "Cục Quản lý cạnh tranh (CQLCT)"
        after = "end" if i >= len(syllables) else ("stop" if syllables[i].kind == PUNCT or
                                                    syllables[i].start != syllables[i - 1].end + 1 else
                                                    "cap" if syllables[i].kind != LOWER else "word")
        found.append((mention.text, tuple(words), after, bracketed))
    return found, {m.text.casefold() for m in mentions}


def _place_in_lower_case(name: str, words: tuple[str, ...]) -> bool:
    """The ending, capitalised, completes a place's name ("… quận Lê" + "chân", "… tỉnh Yên" + "bái")."""
    before = name.split()
    for k in range(0, 3):
        piece = [w[:1].upper() + w[1:] for w in (before[len(before) - k:] if k else []) + list(words)]
        if is_place(piece):
            return True
    return False


def learn(records, min_docs: int, min_share: float, min_stop: float):
    """Learned names: an ending seen after a name in MIN_DOCS documents (one per story), in MIN_SHARE
    of the documents naming the short form, closing the name in MIN_STOP of its occurrences, and
    attested as part of the name: written with capitals in some document ("Cục Quản lý Cạnh
    tranh") or followed by an abbreviation in brackets ("… cạnh tranh (CQLCT)")."""
    stops = frozenset(read_list("org_tail_stops.txt"))
    name_docs: Counter = Counter()
    ending_docs: Counter = Counter()  # (name, words[:k]) -> documents
    ending_stops: dict = defaultdict(Counter)  # (name, words[:k]) -> does the name end there?
    bracketed: set = set()  # (name, words[:k]) followed by "(ABBR)" somewhere
    capitalised: set = set()  # every organization name found, case-folded
    openings = set()
    for text in records:
        opening = text[:200]
        if opening in openings:  # the same story republished: one piece of evidence, not several
            continue
        openings.add(opening)
        seen_names, seen_endings = set(), set()
        found, names = endings_in(text)
        capitalised |= names
        for name, words, after, brackets in found:
            seen_names.add(name)
            for k in range(1, len(words) + 1):
                if words[k - 1] in INNER_CONNECTORS:
                    continue  # "… tội phạm về" ends nothing
                if any(w in stops and w not in INNER_CONNECTORS for w in words[:k]):
                    break
                key = (name, words[:k])
                seen_endings.add(key)
                follows = after if k == len(words) else ("stop" if words[k] in stops else "word")
                ending_stops[key][follows in ("stop", "cap", "end")] += 1
                if k in brackets:
                    bracketed.add(key)
        name_docs.update(seen_names)
        ending_docs.update(seen_endings)
    heads = head_names()
    rejected = set(read_list("organizations_learned_rejected.txt"))  # on review: kinds, not names
    learned = {}
    for (name, words), docs in ending_docs.items():
        if docs < min_docs or docs / name_docs[name] < min_share:
            continue
        closed = ending_stops[(name, words)]
        if closed[True] / (closed[True] + closed[False]) < min_stop:
            continue
        if name.casefold() in heads:  # "Viện nghiên cứu", "Công ty TNHH sản xuất": a kind, not a name
            continue
        if _place_in_lower_case(name, words):  # "Công an quận Lê chân": a place's name mistyped
            continue
        full = f"{name} {' '.join(words)}"
        if full.casefold() not in capitalised and (name, words) not in bracketed:
            continue
        if full in rejected:
            continue
        learned[full] = (full, docs, name_docs[name])  # every ending: "… tội phạm về ma túy", "… về kinh tế"
    return sorted(learned.values())


def read_corpus(path: Path, limit: int | None):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            yield normalize_text(json.loads(line)["text"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="JSONL (.gz) with a 'text' field")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, help="read only the first N records")
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.15, help="of the documents naming the short form")
    ap.add_argument("--min-stop", type=float, default=0.6, help="share of occurrences where the name ends there")
    args = ap.parse_args()
    rows = learn(read_corpus(args.corpus, args.limit), args.min_docs, args.min_share, args.min_stop)
    header = ("# Organization names with a lower-case ending, learned from a corpus by "
              "tools/learn_organization_names.py\n# (name <TAB> documents with this ending <TAB> documents "
              "naming the shorter form). Regenerate, review, commit.\nname\tdocs\tshort_form_docs\n")
    args.out.write_text(header + "".join(f"{full}\t{docs}\t{short}\n" for full, docs, short in rows), encoding="utf-8")
    print(f"{len(rows)} names → {args.out}")


if __name__ == "__main__":
    main()
