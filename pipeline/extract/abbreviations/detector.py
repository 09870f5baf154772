"""Stage: abbreviations — find each short form in a document and expand it.

1. Definitions the document gives itself (defined=True, source="document"): "Long form (SHORT)",
   "Long form (SHORT1, SHORT2)", "SHORT (Long form)", "Long form 1982 (SHORT 1982)" and the cues
   "viết tắt là", "gọi tắt là" (`definitions`, with the letter alignment of `align` and the
   glosses of `glosses`); unit codes beside the unit's name, "Phòng Cảnh sát hình sự (PC45)",
   "Phòng An ninh điều tra - PA92" (`unit_codes`).
2. Other short forms found in the text as standalone tokens are expanded from the lexicon
   (resources/abbreviations.tsv, defined=False, source="lexicon"); ambiguous ones ("CA", "TP")
   only when a context hint of one sense is near an occurrence. Also read: the issuer of a legal
   number ("NĐ-CP" in "42/2014/NĐ-CP"), the kind of a numbered road ("ĐT" in "ĐT279"), a credit
   ("VOV" in "Lê Thơm/VOV-Trung tâm Tin"), and the unit codes of resources/unit_codes.tsv used
   among police words ("PC54" → "Phòng Kỹ thuật hình sự"; not "Tổ hợp C03" of an entrance exam).
   A short form must stand as a word: not the end of a vessel's registration ("tàu BĐ 95910 TS":
   no Tiến sĩ), not glued into a company's name ("BCA.Corp": no Bộ Công an).
   A document's definition always wins over the lexicon.
3. Short forms with neither are not reported here (a row without an expansion tells an analyst
   nothing); the run records them and expands those that other documents define (`learned`).

One Abbreviation per distinct short form, with the offsets of its first occurrence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache


from pipeline.core.records import Abbreviation, Document
from pipeline.core.resource_files import read_list
from pipeline.extract.abbreviations.definitions import Definition, find_definitions
from pipeline.extract.abbreviations.lexicon import (  # noqa: F401  (load_lexicon, TOKEN_RE: public here too)
    CHUNK_RE, DOMAIN_SUFFIX_RE, NEXT_CAPITAL_RE, TOKEN_RE, UP, Sense, load_lexicon, multiword_continuations,
    short_key)
from pipeline.extract.abbreviations.unit_codes import find_unit_code_definitions, official_names, unit_code_uses
from pipeline.extract.stage import Stage

CONTEXT_CHARS = 80
MAX_CONTEXTS = 6


# --------------------------------------------------------------------------- scanning tokens


def scan_short_forms(text: str, known: Mapping[str, object]) -> dict[str, list[tuple[int, int]]]:
    """Spans of every standalone occurrence of a known short form, by key (longest match wins); a
    short form of four letters or more may be written as a word ("Nato", "Asean": NATO, ASEAN)."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    conts = multiword_continuations()
    until = 0  # end of the last multi-word match ("TP HCM"): its pieces are not read again
    for m in LEGAL_NUMBER_RE.finditer(text):
        for key, span in _issuer_shorts(text, m.start(), m.group(), known):
            found[key].append(span)
    for m in TOKEN_RE.finditer(text):
        token = m.group()
        if m.start() < until:
            continue
        if "/" in token and any(c.isdigit() for c in token):
            # a legal number ("42/2014/NĐ-CP", "561/QLCT-P5"): only its issuer's known short forms
            for key, span in _issuer_shorts(text, m.start(), token, known):
                found[key].append(span)
            continue
        if short_key(token) not in known:
            # A hyphenated name ("VN-Index", "Mercedes-AMG") is not an abbreviation, but a
            # dateline glued to the text ("VOV.VN-Nhóm") and a credit ("Lê Thơm/VOV-Trung tâm
            # Tin") keep their first part; credits ("Yonhap/TTXVN") are read piece by piece.
            pieces = token.split("-")
            if len(pieces) > 1 and any(c.islower() for c in token):
                if not (DOMAIN_SUFFIX_RE.search(pieces[0]) or "/" in pieces[0]):
                    continue
                token = pieces[0]
            road = ROAD_NUMBER_RE.fullmatch(token)
            if road and short_key(road.group(1)) in known:  # "ĐT279", "QL1A": the road's kind
                found[short_key(road.group(1))].append((m.start(), m.start() + len(road.group(1))))
                continue
        parts = [(c.start() + m.start(), c.end() + m.start()) for c in CHUNK_RE.finditer(token)]
        if DOMAIN_SUFFIX_RE.search(token) and short_key(token) not in known:
            parts = parts[:-1]  # "VOV.VN": the site's domain is not a second abbreviation
        i = 0
        while i < len(parts):
            for j in range(len(parts), i, -1):
                start, end = parts[i][0], parts[j - 1][1]
                key = short_key(text[start:end])
                # "&" binds tighter than "." or "-": "CNQP" inside "CNQP&KT" is not the short form.
                if key in known and text[start - 1:start].strip() != "&" and text[end:end + 2].strip()[:1] != "&":
                    break
            else:
                i += 1
                continue
            for rest, long_key in conts.get(key, ()):
                after = end + len(rest)
                if text.startswith(rest, end) and (after == len(text) or not text[after].isalnum()):
                    key, end, until = long_key, after, after
                    break
            found[key].append((start, end))
            i = j
    for m in TITLE_CASE_RE.finditer(text):  # "Nato", "Asean": the all-caps short form, written as a word
        word = m.group()
        key = word.upper() if word.upper() in known else word if word in known else None
        if key is not None and word[1:].islower() and not NEXT_CAPITAL_RE.match(text, m.end()):  # not "Papi Jiang"
            found[key].append(m.span())
            found[key].sort()
    return found


TITLE_CASE_RE = re.compile(rf"(?<![\w&./\-]){UP}[^\W\d_A-Z]{{3,}}(?![\w&])")


LEGAL_NUMBER_RE = re.compile(r"(?<![\w/.\-])\d[\w.\-&]*(?:/[\w.\-&]+)+")
ROAD_NUMBER_RE = re.compile(r"([^\W\d_]{2,3})\.?(\d{1,3}[A-Z]?)")


def _issuer_shorts(text: str, offset: int, token: str, known: Mapping[str, object]):
    """(key, span) of the known short forms in a legal number's type-issuer piece, the hyphenated
    piece after its number: "NĐ-CP" in "42/2014/NĐ-CP", "QLCT" in "561/QLCT-P5", "QĐ" and "UBND"
    in "123/QĐ-UBND"; not "TW" in "40-CT/TW" (a party office's series, not a name)."""
    pieces = token.split("/")
    pos = offset + len(pieces[0]) + 1
    for piece in pieces[1:]:
        if "-" in piece:
            if short_key(piece) in known:
                yield short_key(piece), (pos, pos + len(piece))
            else:
                sub = pos
                for part in piece.split("-"):
                    if short_key(part) in known and not any(c.isdigit() for c in part):
                        yield short_key(part), (sub, sub + len(part))
                    sub += len(part) + 1
        pos += len(piece) + 1


# --------------------------------------------------------------------------- lexicon senses

# A vessel's registration or hull number ends with its kind: "QN 91944 TS", "BĐ 99018 TS", "BT-98144 TS".
REGISTRATION_BEFORE_RE = re.compile(rf"(?<![\w.]){UP}{{2,3}}[ -]?\d{{3,6}}[ .-]?\Z")
# A word glued to the short form by ".": "BCA.Corp" (a company), "GS.Yasuhiro Yamada" (a name).
GLUED_WORD_RE = re.compile(r"\.([^\W\d_]+)")


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    return frozenset(read_list("abbreviation_company_words.txt"))


def stands_as_a_word(text: str, span: tuple[int, int]) -> bool:
    """Whether a lexicon short form at span is used as itself: not the tail of a vessel's registration
    number ("Thuyền trưởng tàu BĐ 95910 TS Lê Công Hà": no Tiến sĩ), not a company's name glued
    together ("do BCA.Corp tổ chức": no Bộ Công an; but "GS.Yasuhiro Yamada" is a professor)."""
    start, end = span
    if REGISTRATION_BEFORE_RE.search(text, max(0, start - 16), start):
        return False
    glued = GLUED_WORD_RE.match(text, end)
    return not (glued and glued.group(1) in company_words())


def resolve_sense(text: str, senses: Sequence[Sense], spans: Sequence[tuple[int, int]]) -> Sense | None:
    """The sense of a lexicon short form in this document, or None when context cannot tell."""
    if len({s.long for s in senses}) == 1 and not senses[0].ambiguous:
        return senses[0]  # one meaning, maybe several spellings ("TP.HCM", "TP. HCM")
    windows = [text[max(0, s - CONTEXT_CHARS):e + CONTEXT_CHARS] for s, e in spans[:MAX_CONTEXTS]]
    best, best_score, tie = None, 0, False
    for sense in senses:
        score = sum(len(sense.hints.findall(w)) for w in windows) if sense.hints else 0
        if sense.next_capital:
            score += sum(bool(NEXT_CAPITAL_RE.match(text, e)) for _, e in spans[:MAX_CONTEXTS])
        if score > best_score:
            best, best_score, tie = sense, score, False
        elif score == best_score and score > 0:
            tie = True
    if best is not None and not tie:
        return best
    plain = [s for s in senses if not s.ambiguous]
    return plain[0] if len({s.long for s in plain}) == 1 else None


# --------------------------------------------------------------------------- public API


def find_abbreviations(text: str) -> list[Abbreviation]:
    """One Abbreviation per distinct short form in `text` (normalized document text)."""
    lexicon = load_lexicon()
    defined: dict[str, Definition] = {}
    for d in find_definitions(text):
        defined.setdefault(short_key(d.short), d)
    for u in find_unit_code_definitions(text):  # "Phòng Cảnh sát hình sự (PC45)"
        defined.setdefault(u.code, Definition(u.code, u.long, u.start, u.end))
    known = lexicon if not defined else {**lexicon, **defined}
    occurrences = scan_short_forms(text, known)
    out: list[Abbreviation] = []
    for key, d in defined.items():
        start, end = min(occurrences.get(key, []) + [(d.start, d.end)])
        out.append(Abbreviation(text[start:end], d.long, True, start, end, "document"))
    for key, spans in occurrences.items():
        if key in defined or key not in lexicon:
            continue
        senses = lexicon[key]
        spans = [span for span in spans if stands_as_a_word(text, span)]
        if not spans:
            continue
        sense = resolve_sense(text, senses, spans)
        if sense is not None:
            start, end = spans[0]
            out.append(Abbreviation(text[start:end], sense.long, False, start, end, "lexicon", sense.domain))
    for code, spans in unit_code_uses(text).items():  # "PC47" used without its name
        if code not in defined:
            start, end = spans[0]
            out.append(Abbreviation(code, official_names()[code], False, start, end, "lexicon", "police"))
    out.sort(key=lambda a: a.start)
    return out


def definitions_of(abbreviations: Sequence[Abbreviation]) -> dict[str, str]:
    """short → long for other stages (document definitions win over lexicon expansions)."""
    result: dict[str, str] = {}
    for a in sorted(abbreviations, key=lambda a: not a.defined):
        if a.long:
            result.setdefault(a.short, a.long)
    return result


def expand_abbreviations(name: str, definitions: Mapping[str, str]) -> str:
    """Replace each whole-token short form in `name` by its long form.

    "Tổng cục CNQP" → "Tổng cục Công nghiệp quốc phòng"; "Công an TP.HCM" → "Công an Thành
    phố Hồ Chí Minh". Text that is not a known short form is left untouched.
    """
    if not definitions or not name:
        return name
    keyed = {short_key(k): v for k, v in definitions.items() if v}
    pieces: list[str] = []
    last = 0
    for (start, end), key in _spans_in(name, keyed):
        long = keyed[key]
        if start == 0:
            long = long[:1].upper() + long[1:]
        gap = name[last:start]
        if gap == "." and pieces:  # "TP.Vinh" → "thành phố Vinh"
            gap = " "
        pieces.append(gap)
        pieces.append(long)
        last = end
        if name.startswith(".", end) and end + 1 < len(name) and name[end + 1].isalpha():
            pieces.append(" ")
            last = end + 1
    pieces.append(name[last:])
    return "".join(pieces)


def _spans_in(name: str, keyed: Mapping[str, str]) -> list[tuple[tuple[int, int], str]]:
    return sorted(((span, key) for key, spans in scan_short_forms(name, keyed).items() for span in spans))


def abbreviation_lexicon_rows(per_document: Iterable[Sequence[Abbreviation]]) -> list[dict]:
    """Rows of the corpus-wide `abbreviation_lexicon` table: short, long, n_docs, n_defined, source."""
    n_docs: dict[tuple[str, str | None], int] = defaultdict(int)
    n_defined: dict[tuple[str, str | None], int] = defaultdict(int)
    domains: dict[tuple[str, str | None], str | None] = {}
    for abbreviations in per_document:
        for a in {(a.short, a.long): a for a in abbreviations}.values():
            key = (a.short, a.long)
            n_docs[key] += 1
            n_defined[key] += a.defined
            domains.setdefault(key, a.domain)
    return [
        {"short": s, "long": lg, "n_docs": n, "n_defined": n_defined[(s, lg)],
         "source": "document" if n_defined[(s, lg)] else "lexicon", "domain": domains[(s, lg)]}
        for (s, lg), n in sorted(n_docs.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]


class AbbreviationsComponent(Stage):
    """Reads the text; sets the abbreviations (defined in the document, or from the lexicon)."""

    factory = "vi_abbreviations"
    sets = ("abbreviations",)

    def process(self, record: Document) -> None:
        record.abbreviations = find_abbreviations(record.text)
