"""Stage: abbreviations — find each short form in a document and expand it.

1. Definitions the document gives itself (defined=True, source="document"):
   "Long form (SHORT)", "Long form (SHORT1, SHORT2)", "SHORT (Long form)", and the cues
   "viết tắt là", "gọi tắt là", "sau đây gọi là". Long forms are checked by a Vietnamese letter
   alignment (see abbreviation_align.py); for foreign acronyms whose letters cannot spell the
   Vietnamese name, a definition is accepted when the name is the lexicon's expansion
   ("Liên minh châu Âu (EU)") or, for unknown all-caps acronyms, runs from an organization
   head word ("Bộ Chỉ huy Trung tâm Hoa Kỳ (CENTCOM)").
2. Other short forms found in the text as standalone tokens are expanded from the lexicon
   (resources/abbreviations.tsv, defined=False, source="lexicon"); ambiguous ones ("CA", "TP")
   only when a context hint of one sense is near an occurrence. A document's definition always
   wins over the lexicon. Short forms with neither a definition nor a lexicon entry are not
   reported: a row without an expansion tells an analyst nothing and would cost precision.

One Abbreviation per distinct short form, with the offsets of its first occurrence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from pipeline.core import doc_ext  # noqa: F401  (registers doc._.record)
from pipeline.extract.abbreviations.align import ROMAN_RE, Word, align_before, align_whole, fold_key, words_of
from pipeline.extract.abbreviations.glosses import lexicon_gloss_start, name_phrase_start
from pipeline.extract.abbreviations.unit_codes import find_unit_code_definitions, official_names, unit_code_uses
from pipeline.core.resource_files import read_list, read_table
from pipeline.core.records import Abbreviation


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
PAREN_RE = re.compile(r"\(([^()\n]{1,160})\)")
SHORT_LIST_RE = re.compile(rf"\s*({SHORT_SHAPE})(?:\s*(?:,|;|và)\s*{SHORT_SHAPE})*\s*")
# "Phòng cảnh sát hình sự (PC45, Công an tỉnh Hưng Yên)": the short form first, then a remark
LEADING_SHORT_RE = re.compile(rf"\s*({SHORT_SHAPE})\s*[,;]\s+(?=\w)")
_CUE = r"(?:sau\s+đây\s+)?(?:được\s+)?(?:(?:gọi|viết)\s+tắt(?:\s+là|\s*:)?|gọi\s+là)"
SHORT_YEAR_RE = re.compile(rf"\s*({SHORT_SHAPE})\s+((?:19|20)\d\d)\s*")
CUE_IN_PAREN_RE = re.compile(rf"\s*(?:tên\s+)?{_CUE}\s*[\"“']?({SHORT_SHAPE}?)[\"”']?\s*", re.IGNORECASE)
CUE_IN_TEXT_RE = re.compile(rf",?\s*{_CUE}\s+[\"“']?({SHORT_SHAPE}?)[\"”']?(?![\w&])")
CREDIT_RE = re.compile(r"(?:Theo|Nguồn|Ảnh|Ảnh minh họa|Video|Clip)\b")
TOKEN_BEFORE_RE = re.compile(rf"(?<![\w&./\-])({SHORT_SHAPE})\s*$")
# A long form never runs back across these (a "." ends a sentence only when a space follows).
SEGMENT_STOP_RE = re.compile(r"[;:!?\n()\[\]“”\"]|\.\s")
CONTEXT_CHARS = 80
MAX_CONTEXTS = 6


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


# --------------------------------------------------------------------------- scanning tokens


def scan_short_forms(text: str, known: Mapping[str, object]) -> dict[str, list[tuple[int, int]]]:
    """Spans of every standalone occurrence of a known short form, by key (longest match wins)."""
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
    return found


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


# --------------------------------------------------------------------------- definitions


@dataclass(frozen=True, slots=True)
class Definition:
    short: str
    long: str
    start: int  # where the short form stands in the definition
    end: int


def _segment_before(text: str, pos: int) -> tuple[int, list[Word]]:
    """Words between the last sentence-level stop and pos (the long form must lie inside)."""
    lo = max(0, pos - 200)
    chunk = text[lo:pos]
    stops = list(SEGMENT_STOP_RE.finditer(chunk))
    cut = stops[-1].end() if stops else 0
    return lo + cut, words_of(chunk[cut:], lo + cut)


def _lexicon_long_before(short: str, words: list[Word], text: str) -> str | None:
    """The lexicon expansion of `short` when the words just before spell it ("Liên minh châu Âu (EU)")."""
    for sense in load_lexicon().get(short_key(short), ()):
        key = fold_key(sense.long)
        n = key.count(" ") + 1
        if n <= len(words) and fold_key(" ".join(w.text for w in words[-n:])) == key:
            return text[words[-n].start:words[-1].end]
    return None


def _head_word_long(words: list[Word], text: str) -> str | None:
    """Long form of an unknown foreign acronym: from the nearest organization head word."""
    texts = [w.text for w in words]
    lowest = max(0, len(texts) - 15)
    for i in range(len(texts) - 2, lowest - 1, -1):
        if i + 1 < len(texts) and text[words[i].end:words[i + 1].start].strip() == "," \
                and texts[i + 1][:1].isupper():
            return None  # a list of names ("A, B, C (HAGL)"), not one organization
        if _head_at(texts, i) and i + 1 < len(texts):
            # A head right after another head belongs to it ("Bộ Chỉ huy Trung tâm Hoa Kỳ").
            while (k := _head_ending_at(texts, i)) is not None:
                i = k
            return text[words[i].start:words[-1].end]
    return None


def _head_at(texts: list[str], i: int) -> bool:
    return any(tuple(texts[i:i + len(h)]) == h for h in head_words())


def _head_ending_at(texts: list[str], i: int) -> int | None:
    for head in head_words():
        k = i - len(head)
        if k >= 0 and tuple(texts[k:i]) == head:
            return k
    return None


def _close_to_lexicon(short: str, long: str) -> bool:
    """A head-word long form for a lexicon short must share most words with one of its senses
    ("... Xuất khẩu Dầu lửa (OPEC)"), else "Trường THPT X (TP.HCM)" would define TP.HCM."""
    words = set(fold_key(long).split())
    for sense in load_lexicon().get(short_key(short), ()):
        other = set(fold_key(sense.long).split())
        if len(words & other) * 2 >= len(words | other):
            return True
    return False


def _accept_aligned(short: str, long: str) -> bool:
    """Two-letter shorts spell too many name pairs ("Hoàng Ngọc (HN)"): their long form must
    be the lexicon's or contain a lowercase word ("doanh nghiệp (DN)", "thực phẩm (TP)")."""
    letters = sum(c.isalpha() for c in short)
    if letters > 2 or "&" in short:
        return True
    lexicon_keys = {fold_key(s.long) for s in load_lexicon().get(short_key(short), ())}
    return fold_key(long) in lexicon_keys or any(w[:1].islower() for w in long.split())


def _define_before(short: str, words: list[Word], text: str, relaxed: bool = False) -> tuple[str, int] | None:
    """(long form, index of its first word) for a short form that follows `words`."""
    for mode in ((False, True) if relaxed else (False,)):
        s = align_before(short, words, relaxed=mode)
        if s is not None:
            long = text[words[s].start:words[-1].end]
            if _accept_aligned(short, long):
                return long, s
    long = _lexicon_long_before(short, words, text)
    senses = load_lexicon().get(short_key(short), ())
    if long is None and senses and (i := lexicon_gloss_start([s.long for s in senses], words)) is not None:
        long = text[words[i].start:words[-1].end]  # "tổng sản phẩm trong nước (GDP)"
    if long is None and short.isupper() and sum(c.isalpha() for c in short) >= 3:
        long = _head_word_long(words, text)
        if long is not None and senses and not _close_to_lexicon(short, long):
            long = None
        if long is None and not senses and short.isalpha() and (i := name_phrase_start(words, text)) is not None:
            long = text[words[i].start:words[-1].end]  # "Giám đốc Điều hành (CEO)"
    if long is None:
        return None
    first = words[-1].end - len(long)
    return long, next(i for i, w in enumerate(words) if w.start == first)


def find_definitions(text: str) -> list[Definition]:
    defs: list[Definition] = []
    for m in PAREN_RE.finditer(text):
        inner, inner_start = m.group(1), m.start(1)
        _, before = _segment_before(text, m.start())
        cue = CUE_IN_PAREN_RE.fullmatch(inner)
        shorts = SHORT_LIST_RE.fullmatch(inner)
        if cue:
            found = _define_before(cue.group(1), before, text, relaxed=True) if before else None
            if found:
                defs.append(Definition(cue.group(1), found[0], inner_start + cue.start(1), inner_start + cue.end(1)))
        elif (dated := SHORT_YEAR_RE.fullmatch(inner)) and before and before[-1].text == dated.group(2):
            # "Công ước Liên hợp quốc về Luật Biển 1982 (UNCLOS 1982)": the year names both
            found = _define_before(dated.group(1), before[:-1], text) if len(before) > 1 else None
            if found:
                defs.append(Definition(dated.group(1), found[0], inner_start + dated.start(1), inner_start + dated.end(1)))
        elif shorts:
            items = [(x.group(), x.start() + inner_start) for x in SHORT_SHAPE_RE.finditer(inner)]
            end = len(before)
            for short, start in reversed(items):
                found = _define_before(short, before[:end], text) if end else None
                if not found:
                    break
                defs.append(Definition(short, found[0], start, start + len(short)))
                end = found[1]
                if end and before[end - 1].text.lower() in ("và", "&"):
                    end -= 1
        elif (lead := LEADING_SHORT_RE.match(inner)) and before and (
                found := _define_before(lead.group(1), before, text)):
            defs.append(Definition(lead.group(1), found[0], inner_start + lead.start(1), inner_start + lead.end(1)))
        elif ":" not in inner:
            prev = TOKEN_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
            if prev and not ROMAN_RE.fullmatch(prev.group(1)):
                long = inner.strip(" ,;.")
                words = words_of(long)
                if 1 < len(words) <= 12 and not CREDIT_RE.match(long) and (
                    (align_whole(prev.group(1), words) and _accept_aligned(prev.group(1), long)) or any(
                        fold_key(s.long) == fold_key(long) for s in load_lexicon().get(short_key(prev.group(1)), ())
                    )
                ):
                    defs.append(Definition(prev.group(1), long, prev.start(1), prev.end(1)))
    for m in CUE_IN_TEXT_RE.finditer(text):
        _, before = _segment_before(text, m.start())
        found = _define_before(m.group(1), before, text, relaxed=True) if before else None
        opening = text.rfind("(", max(0, m.start() - 200), m.start())
        if not found and opening > 0 and ")" not in text[opening:m.start()]:
            # "Khoa học Tự nhiên (tổ hợp các môn ...; viết tắt là KHTN)": the name is before "("
            _, before = _segment_before(text, opening)
            found = _define_before(m.group(1), before, text, relaxed=True) if before else None
        if found:
            defs.append(Definition(m.group(1), found[0], m.start(1), m.end(1)))
    defs.sort(key=lambda d: d.start)
    return defs


# --------------------------------------------------------------------------- lexicon senses


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
        sense = resolve_sense(text, lexicon[key], spans)
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


class AbbreviationsComponent:
    def __call__(self, doc):
        rec = doc._.record
        rec.abbreviations = find_abbreviations(rec.text)
        return doc


@Language.factory("vi_abbreviations")
def make_abbreviations(nlp, name):
    return AbbreviationsComponent()
