"""Stage: places (LOC) — Vietnamese provinces, cities, districts, regions and countries.

Two ways a place is found, both near-linear dictionary scans over syllable tokens:
- after an administrative word: "tỉnh Nghệ An", "huyện Chương Mỹ", "TP Hà Nội", "quận 1";
- from the gazetteer alone (provinces of both the 63- and 34-unit maps, provincial cities, regions,
  countries and big foreign cities): "Hà Nội", "TP.HCM", "Trung Quốc", with context checks so that
  "anh Hà Giang", "Nguyễn Thái Bình", "đường Hà Nội", "Tuấn Anh" are not read as places.
Canonical name = the bare name ("Nghệ An", "Chương Mỹ"); TP.HCM / TPHCM / Sài Gòn → "Thành phố Hồ Chí Minh".

Places inside an organization's name: Vietnamese administrative places are kept ("Công an tỉnh Nghệ An"
also yields LOC "Nghệ An": the event happens there and a reader listing places names it), countries are
not ("Liên đoàn Bóng đá Việt Nam" does not yield "Việt Nam"); see `find_places`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language

from pipeline.core import doc_ext  # noqa: F401  (registers doc._.record)
from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Mention
from pipeline.core.resource_files import read_list, read_table

HCMC = "Thành phố Hồ Chí Minh"

# A word, a number, or an abbreviation with inner & . - / ("GD&ĐT", "TP.HCM"); split back later when
# the joined parts are not all upper case ("Rịa-Vũng", "hóa-Thể").
_TOKEN_RE = re.compile(r"\w+(?:[&.\-/]\w+)*|[^\w\s]")
_JOIN_RE = re.compile(r"[&.\-/]")
_PIECE_RE = re.compile(r"\w+|[^\w\s]")

# Token kinds
CAP, ABBR, NUM, LOWER, MIXED, PUNCT = "CAP", "ABBR", "NUM", "LOWER", "MIXED", "PUNCT"


class Token(NamedTuple):  # a tuple: a document has thousands, built far faster than a dataclass
    start: int
    end: int
    text: str
    kind: str
    caps_line: bool  # inside an ALL-CAPS line (headline): letter case says nothing there


@lru_cache(maxsize=200_000)  # the same words come back in every document
def _kind(word: str) -> str:
    if not word[0].isalnum():
        return PUNCT
    if word.isdigit():
        return NUM
    if word.islower():
        return LOWER
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return CAP
    if word.isupper() and len(word) >= 2:
        return ABBR
    return MIXED


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written mostly in capitals (at least 3 words, under 15% lower-case letters)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 12 and line.count(" ") >= 2:
            lower = sum(c.islower() for c in letters)
            if lower < 0.15 * len(letters):
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@lru_cache(maxsize=8)  # both stages and their helpers tokenize the same document: do it once
def tokenize(text: str) -> tuple[Token, ...]:
    """Syllable tokens with a coarse case class; shared with the organizations stage."""
    return _tokenize(text)


def _tokenize(text: str) -> tuple[Token, ...]:
    caps = _caps_lines(text)
    tokens: list[Token] = []
    ci = 0
    for m in _TOKEN_RE.finditer(text):
        while ci < len(caps) and caps[ci][1] < m.start():
            ci += 1
        in_caps = ci < len(caps) and caps[ci][0] <= m.start() < caps[ci][1]
        word = m.group()
        if (not word.isalnum() and _JOIN_RE.search(word)
                and not all(p.isupper() or p.isdigit() for p in _JOIN_RE.split(word))):
            for p in _PIECE_RE.finditer(word):
                tokens.append(Token(m.start() + p.start(), m.start() + p.end(), p.group(), _kind(p.group()), in_caps))
        else:
            tokens.append(Token(m.start(), m.end(), word, _kind(word), in_caps))
    return tuple(tokens)


def adjacent(text: str, a: Token, b: Token) -> bool:
    """b follows a within the same line, separated by at most one space."""
    gap = text[a.end:b.start]
    return gap == "" or gap == " "


@lru_cache(maxsize=8192)  # lexicon keys and short candidate names: never through the documents' cache
def _token_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokenize(normalize_text(phrase)))


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    canonical: str
    type: str
    bare: bool  # may be matched without an administrative word before it
    ambiguous: bool  # also a personal name / common word: needs a place context
    domestic: bool  # a Vietnamese administrative unit or region (kept inside organization names)


@dataclass(frozen=True, slots=True)
class PlaceHit:
    first: int  # index of the first token of the whole match (administrative word included)
    last: int  # index after the last token
    name_first: int  # index of the first token of the name itself
    canonical: str
    prefixed: bool
    domestic: bool
    type: str = ""  # the gazetteer's type (province, municipality, ...) when known


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict, dict, int]:
    """(alias token tuple -> entry, prefixed-only alias tuple -> entry, longest alias length)."""
    free: dict[tuple[str, ...], PlaceEntry] = {}
    prefixed: dict[tuple[str, ...], PlaceEntry] = {}

    def add(alias: str, entry: PlaceEntry) -> None:
        only_after_admin = alias.startswith("~") or not entry.bare
        key = _token_key(alias.lstrip("~"))
        if not key:
            return
        prefixed.setdefault(key, entry)
        if not only_after_admin:
            old = free.get(key)
            if old is None or (old.type not in ("province", "municipality") and entry.type in ("province", "municipality")):
                free[key] = entry

    for name, typ, _parent, _merged, _set, aliases, bare in read_table("places_vn.tsv", header=True):
        entry = PlaceEntry(name, typ, bare == "1", False, True)
        for alias in [name, *filter(None, aliases.split("|"))]:
            add(alias, entry)
    for name, typ, aliases, ambiguous in read_table("countries_vi.tsv", header=True):
        entry = PlaceEntry(name, typ, True, ambiguous == "1", False)
        for alias in [name, *filter(None, aliases.split("|"))]:
            add(alias, entry)
    longest = max(len(k) for k in prefixed)
    return free, prefixed, longest


@lru_cache(maxsize=1)
def _context() -> dict[str, set[tuple[str, ...]]]:
    roles: dict[str, set[tuple[str, ...]]] = {}
    for word, role in read_table("place_context.tsv", header=True):
        roles.setdefault(role, set()).add(tuple(word.split()))
    return roles


# Administrative words that introduce a place name, with the type they imply.
_ADMIN_WORDS = {
    ("tỉnh",): "province", ("thành", "phố"): "city", ("TP",): "city", ("Tp",): "city", ("TX",): "town",
    ("thị", "xã"): "town", ("thị", "trấn"): "town", ("huyện",): "district", ("quận",): "district",
    ("xã",): "commune", ("phường",): "ward",
    ("Q", "."): "district", ("P", "."): "ward", ("H", "."): "district",
}
_CASED_ADMIN = {"TP", "Tp", "TX", "Q", "P", "H"}


_ADMIN_FIRST = {k[0] for k in _ADMIN_WORDS} | {k[0].capitalize() for k in _ADMIN_WORDS}


def admin_word_at(tokens: list[Token], i: int) -> int:
    """Number of tokens of an administrative word at i (with a following "." for "TP."), else 0."""
    if tokens[i].text not in _ADMIN_FIRST:
        return 0
    for key in _ADMIN_WORDS:
        n = len(key)
        if i + n <= len(tokens) and tuple(
            t.text if key[0] in _CASED_ADMIN else t.text.lower() for t in tokens[i:i + n]
        ) == key:
            if i + n < len(tokens) and tokens[i + n].text == "." and n == 1 and len(tokens[i].text) <= 2:
                n += 1  # only an abbreviated word takes a dot ("TP. Hà Nội"); "tỉnh. Như" ends a sentence
            return n
    return 0


def _preceded_by(tokens: list[Token], i: int, words: set[tuple[str, ...]], lower: bool = True) -> bool:
    for n in (1, 2):
        if i - n >= 0:
            key = tuple((t.text.lower() if lower else t.text) for t in tokens[i - n:i])
            if key in words:
                return True
    return False


def _gazetteer_match(tokens: list[Token], i: int, table: dict, longest: int, caps: bool) -> tuple[int, PlaceEntry] | None:
    for n in range(min(longest, len(tokens) - i), 0, -1):
        key = tuple(t.text for t in tokens[i:i + n])
        if caps:  # headline in capitals: compare title-cased syllables
            key = tuple(w if len(w) <= 1 or not w.isalpha() else w[0] + w[1:].lower() for w in key)
        entry = table.get(key)
        if entry is not None:
            return n, entry
    return None


def place_at(text: str, tokens: list[Token], i: int, previous_hit: PlaceHit | None = None,
             in_name: bool = False) -> PlaceHit | None:
    """The place starting at token i, if any (administrative word included). `in_name`: inside an
    organization's name, where a country needs no further context ("Bộ Quốc phòng Mỹ")."""
    free, prefixed, longest = gazetteer()
    tok = tokens[i]
    n_admin = admin_word_at(tokens, i)
    if n_admin and tok.kind in (CAP, ABBR):  # "TP HCM", "TP Hà Nội" are gazetteer aliases themselves
        match = _gazetteer_match(tokens, i, free, longest, tok.caps_line)
        if match and match[0] > n_admin:
            return PlaceHit(i, i + match[0], i + n_admin, match[1].canonical, True, match[1].domestic)
    if n_admin and i + n_admin < len(tokens) and adjacent(text, tokens[i + n_admin - 1], tokens[i + n_admin]):
        j = i + n_admin
        match = _gazetteer_match(tokens, j, prefixed, longest, tokens[j].caps_line)
        if match:
            n, entry = match
            return PlaceHit(i, j + n, j, entry.canonical, True, entry.domestic)
        if tokens[j].kind == NUM and tokens[i].text.lower() in ("quận", "phường") and len(tokens[j].text) <= 2:
            return PlaceHit(i, j + 1, j, f"{tokens[i].text.capitalize()} {tokens[j].text}", True, True)
        k = j
        while k < len(tokens) and k - j < 4 and tokens[k].kind == CAP and (k == j or adjacent(text, tokens[k - 1], tokens[k])):
            k += 1
        roles = _context()
        if k - j >= 3 and (tokens[j].text,) in roles.get("name_syllable", ()):
            return None  # "UBND TP Nguyễn Đức Chung": a person after the administrative word
        if k > j and not tokens[j].caps_line and (tokens[j].text,) not in roles.get("stop_word", ()):
            return PlaceHit(i, k, j, " ".join(t.text for t in tokens[j:k]), True, True)
        return None
    if tok.kind not in (CAP, ABBR) and not (tok.kind == LOWER and tok.text in ("châu", "đồng")):
        return None
    match = _gazetteer_match(tokens, i, free, longest, tok.caps_line)
    if not match:
        return None
    n, entry = match
    roles = _context()
    if in_name:
        return PlaceHit(i, i + n, i, entry.canonical, False, entry.domestic, entry.type)
    if i > 0 and tokens[i - 1].kind != PUNCT:
        prev = tokens[i - 1]
        if prev.kind == CAP and (prev.text,) in roles.get("name_syllable", ()) and not prev.caps_line:
            return None
        if _preceded_by(tokens, i, roles.get("person_before", set())) or _preceded_by(tokens, i, roles.get("street_before", set())):
            return None
    nxt = tokens[i + n] if i + n < len(tokens) else None
    if n == 1 and nxt is not None and nxt.kind == LOWER and adjacent(text, tokens[i], nxt) \
            and (tok.text.lower() + " " + nxt.text) in _words():
        return None  # "Pháp luật", "Ý kiến", "Mỹ phẩm"
    if entry.ambiguous:
        if tok.caps_line or (nxt is not None and nxt.kind == CAP and adjacent(text, tokens[i + n - 1], nxt)):
            return None
        after_place = previous_hit is not None and previous_hit.last in (i - 1, i - 2) \
            and tokens[i - 1].text in ("-", "–", "và", ",", "/")
        if not (after_place or _preceded_by(tokens, i, roles.get("country_before", set()))):
            return None
    return PlaceHit(i, i + n, i, entry.canonical, False, entry.domestic, entry.type)


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from pipeline.extract.organizations.lexicon import vietnamese_words

    return vietnamese_words()


def scan_places(text: str, tokens: list[Token]) -> list[PlaceHit]:
    """All place hits, left to right, non-overlapping."""
    hits: list[PlaceHit] = []
    i = 0
    while i < len(tokens):
        hit = place_at(text, tokens, i, hits[-1] if hits else None)
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        i = hit.last
    return hits


@dataclass(frozen=True, slots=True)
class FeatureHead:
    min_words: int
    country_ok: bool


@lru_cache(maxsize=1)
def _feature_heads() -> dict[str, FeatureHead]:
    heads = {}
    for head, capital_ok, min_words, country_ok in read_table("place_features.tsv", header=True):
        spec = FeatureHead(int(min_words), country_ok == "1")
        heads[head] = spec
        if capital_ok == "1":
            heads[head[:1].upper() + head[1:]] = spec
    return heads


@lru_cache(maxsize=1)
def _feature_re() -> re.Pattern:
    heads = "|".join(re.escape(h) for h in sorted(_feature_heads(), key=len, reverse=True))
    # not "tàu sân bay" (an aircraft carrier); the head, then up to 4 words joined by spaces or a dash
    return re.compile(r"(?<!\w)(?<!tàu )(?P<head>" + heads + r") (?P<name>[^\W\d_][\w'’]*(?:(?: | ?[-–] ?)[^\W_][\w'’]*){0,3})")


def _is_proper_word(word: str) -> bool:
    """"Tân", "Sơn" yes; "NN", "USS" (abbreviations) and lower-case words no."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def feature_places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of named physical places: "sân bay Tân Sơn Nhất", "bán đảo Triều Tiên"."""
    from pipeline.extract.organizations.lexicon import vietnamese_words
    found = []
    pattern, pos = _feature_re(), 0
    while m := pattern.search(text, pos):
        words = re.split(r"( | ?[-–] ?)", m.group("name"))
        kept = 0
        rest = text[m.end("name"):m.end("name") + 12].split()
        for i in range(0, len(words), 2):  # names are capitalised words; stop at the first that is not
            if not _is_proper_word(words[i]) and not (kept and words[i].isdigit()):
                break
            if words[i] in _place_stopwords():
                break
            following = words[i + 2] if i + 2 < len(words) else (rest[0] if rest else "")
            if following.islower() and f"{words[i].lower()} {following}" in vietnamese_words():
                break  # "cửa khẩu Quốc tế", "Phủ Chủ tịch": the word belongs to a common noun
            kept = i + 1
        name = "".join(words[:kept]).rstrip("'’")
        pos = m.start("name") + len(name) if kept else m.end("head")  # the rest may hold another place
        head = m.group("head")
        spec = _feature_heads()[head]
        if kept and (kept + 1) // 2 >= spec.min_words and (spec.country_ok or not _is_country(name)):
            found.append((m.start(), pos, f"{head[:1].upper()}{head[1:]} {name}"))
    return found


@lru_cache(maxsize=1)
def _place_stopwords() -> frozenset[str]:
    return frozenset(read_list("place_name_stopwords.txt"))


def _is_country(name: str) -> bool:
    return normalize_text(name).casefold() in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names = set()
    for name, _, aliases, _ in read_table("countries_vi.tsv", header=True):
        names.update(n.casefold() for n in [name, *aliases.split("|")] if n)
    return frozenset(names)


def find_places(text: str) -> list[Mention]:
    """LOC mentions with canonical names. The span covers the name without its administrative word.

    A named physical place ("sân bay Tân Sơn Nhất") is one mention; a country inside it ("bán đảo
    Triều Tiên") is not reported again, a Vietnamese place is ("cảng Hải Phòng" → also "Hải Phòng").
    """
    from pipeline.extract.organizations.component import organization_spans

    tokens = tokenize(text)
    org_spans = organization_spans(text)
    features = feature_places(text)
    mentions = [Mention(s, e, text[s:e], "LOC", canonical) for s, e, canonical in features]
    k = 0
    for hit in scan_places(text, tokens):
        start, end = tokens[hit.name_first].start, tokens[hit.last - 1].end
        while k < len(org_spans) and org_spans[k][1] <= start:
            k += 1
        inside_org = k < len(org_spans) and org_spans[k][0] <= start and end <= org_spans[k][1]
        posted_to = inside_org and text[max(0, start - 4):start] == "tại "  # "Đại sứ quán Úc tại Việt Nam"
        inside_feature = any(s <= start and end <= e for s, e, _ in features)
        if (inside_org and not posted_to or inside_feature) and not hit.domestic:
            continue
        if inside_feature and any(s == start and e == end for s, e, _ in features):
            continue
        mentions.append(Mention(start, end, text[start:end], "LOC", hit.canonical))
    return sorted(mentions, key=lambda m: (m.start, m.end))


@Language.factory("vi_places")
def make_places(nlp: Language, name: str) -> "PlacesComponent":
    return PlacesComponent()


class PlacesComponent:
    def __call__(self, doc):
        rec = doc._.record
        rec.mentions = [*rec.mentions, *find_places(rec.text)]
        return doc
