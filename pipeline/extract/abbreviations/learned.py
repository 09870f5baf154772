"""The corpus-learned lexicon: expansions that other documents define.

A document often uses a short form without defining it ("PC45", "VCSC", "NEA") while other
documents of the corpus define it ("Phòng Cảnh sát hình sự (PC45)"). The curated lexicon
(resources/abbreviations.tsv) cannot list them all, so the run learns them:

- each document records the abbreviation-shaped words it uses without any expansion
  (`unexpanded_uses`, the `abbreviation_uses` table);
- a short form defined in at least MIN_DOCUMENTS documents, with one long form (compared without
  case, diacritics or punctuation) in at least CONSISTENCY of those definitions, is learned with
  its most frequent wording;
- every undefined use of a learned short form becomes an `abbreviations` row (`defined` false,
  `source` "corpus").

The last two steps are SQL over the committed tables (`LEARNED_SQL`, run by
`pipeline.store.tables.corpus_tables` after every run), so an incremental run that changes the
learned lexicon updates every document it touches, at the cost of one query.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.core.records import Abbreviation
from pipeline.extract.abbreviations.align import ROMAN_RE, fold_key
from pipeline.extract.abbreviations.detector import CHUNK_RE, TOKEN_RE, short_key

MIN_DOCUMENTS = 2
CONSISTENCY = 0.75


def unexpanded_uses(text: str, abbreviations: Sequence[Abbreviation]) -> list[dict]:
    """First occurrence of each all-caps short form the document uses without an expansion:
    {"short", "start", "end"}. Roman numerals, single letters, words with digits and Vietnamese words
    written in capitals are left out."""
    expanded = {short_key(a.short) for a in abbreviations if a.long}
    seen: dict[str, dict] = {}
    for m in TOKEN_RE.finditer(text):
        token = m.group()
        key = short_key(token)
        if key in seen or key in expanded or not token.isupper() or any(c.isdigit() for c in token):
            continue
        if ROMAN_RE.fullmatch(token) or sum(c.isalpha() for c in token) < 2:
            continue
        chunks = [c for c in CHUNK_RE.findall(token)]
        if all(len(c) >= 3 and is_vietnamese_syllable(c.lower()) for c in chunks):
            continue  # a word in capitals ("PHƯƠNG ANH - TUẤN MINH" in a byline), not an abbreviation
        seen[key] = {"short": token, "start": m.start(), "end": m.end()}
    return list(seen.values())


def learn_lexicon(definitions: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """short → long from the long forms each document gives a short form (one per document).

    Python statement of the rule that `LEARNED_SQL` applies to the committed tables."""
    learned = {}
    for short, longs in definitions.items():
        if len(longs) < MIN_DOCUMENTS:
            continue
        by_key: dict[str, list[str]] = {}
        for long in longs:
            by_key.setdefault(fold_key(long), []).append(long)
        key, wordings = max(by_key.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if len(wordings) >= MIN_DOCUMENTS and len(wordings) >= CONSISTENCY * len(longs):
            learned[short] = max(set(wordings), key=lambda w: (wordings.count(w), w))
    return learned


# `{abbreviations}` and `{abbreviation_uses}` are the committed per-document tables. A long form's
# key folds case and punctuation (strip_accents folds diacritics; "đ" is folded by hand).
LEARNED_SQL = f"""
WITH defs AS (
    SELECT DISTINCT doc_id, short, long,
           regexp_replace(strip_accents(replace(replace(lower(long), 'đ', 'd'), 'Đ', 'd')), '[^a-z0-9]+', ' ', 'g') AS k
    FROM {{abbreviations}} WHERE defined AND long IS NOT NULL
), per_short AS (
    SELECT short, count(DISTINCT doc_id) AS n FROM defs GROUP BY short
), per_key AS (
    SELECT short, k, count(DISTINCT doc_id) AS n, first(long ORDER BY long) AS any_long FROM defs GROUP BY short, k
), wording AS (
    SELECT short, k, long, count(*) AS n FROM defs GROUP BY short, k, long
), learned AS (
    SELECT p.short, (SELECT first(w.long ORDER BY w.n DESC, w.long DESC) FROM wording w
                     WHERE w.short = p.short AND w.k = p.k) AS long
    FROM per_key p JOIN per_short s USING (short)
    WHERE p.n >= {MIN_DOCUMENTS} AND p.n >= {CONSISTENCY} * s.n
)
SELECT u.doc_id, u.short, l.long, false AS defined, u.start, u."end", 'corpus' AS source, NULL AS domain
FROM {{abbreviation_uses}} u JOIN learned l USING (short)
ORDER BY u.doc_id, u.start
"""
