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
  `source` "corpus"), unless the document glosses the short form in its own words and they rule the
  learned expansion out ("GDP theo ngang giá sức mua (PPP)": not "đối tác công tư").

The last two steps are SQL over the committed tables (`LEARNED_SQL`, run by
`pipeline.store.corpus.corpus_tables` after every run), so an incremental run that changes the
learned lexicon updates every document it touches, at the cost of one query.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.core.records import Abbreviation
from pipeline.extract.abbreviations.align import ROMAN_RE, align_whole, fold_key, words_of
from pipeline.extract.abbreviations.definitions import gloss_rules_out, unread_glosses
from pipeline.extract.abbreviations.detector import CHUNK_RE, TOKEN_RE, short_key, stands_as_a_word

MIN_DOCUMENTS = 2
CONSISTENCY = 0.75
GLOSS_CHARS = 200


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
        if not stands_as_a_word(text, (m.start(), m.end())):
            continue  # "tàu BĐ 95910 TS", "BCA.Corp": no use of the short form
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
), used AS (
    SELECT u.doc_id, u.short, l.long, u.start, u."end", strpos(d.text, '(' || u.short || ')') AS p, d.text
    FROM {{abbreviation_uses}} u JOIN learned l USING (short) JOIN {{documents}} d USING (doc_id)
)
SELECT doc_id, short, long, false AS defined, start, "end", 'corpus' AS source, NULL AS domain,
       CASE WHEN p > 0 THEN substr(text, greatest(1, p - {GLOSS_CHARS}), p + length(short) + 2 - greatest(1, p - {GLOSS_CHARS}))
       END AS gloss_window
FROM used
ORDER BY doc_id, start
"""


def glossed_otherwise(short: str, long: str, gloss_window: str | None) -> bool:
    """Whether the document glosses `short` in its own words, and they rule out the learned `long`:
    "GDP theo ngang giá sức mua (PPP)" is no "đối tác công tư" (see `definitions.gloss_rules_out`).
    `gloss_window`: LEARNED_SQL's text before the document's first "(SHORT)", or None."""
    if not gloss_window:
        return False
    gloss = unread_glosses(gloss_window, set()).get(short_key(short))
    return bool(gloss) and gloss_rules_out(gloss, long)


def misread_expansion(short: str, long: str | None, usual: str | None) -> bool:
    """Whether a document's expansion of `short` misreads it beside its `usual` one (the expansion
    most documents give): the usual one spells the letters of the short form and this one does not
    ("ATVSTP": "An toàn thực phẩm" beside "an toàn vệ sinh thực phẩm"; "PC45": "Đội 5" beside
    "Phòng Cảnh sát hình sự"). A foreign acronym's Vietnamese names never spell its letters, and one
    that differs may be another meaning ("EPA": "Hiệp định Đối tác Kinh tế", "Cơ quan Bảo vệ Môi
    trường Mỹ"): they are kept."""
    if not long or not usual or long == usual or align_whole(short, words_of(long)):
        return False
    return align_whole(short, words_of(usual))
