"""Places and countries in a syllable stream: the gazetteer every extractor shares.

Two ways a place is found, both near-linear dictionary scans over the lexical layer:
- after an administrative word: "tỉnh Nghệ An", "huyện Chương Mỹ", "TP Hà Nội", "quận 1";
- from the gazetteer alone (provinces of both the 63- and 34-unit maps, provincial cities, regions,
  countries and big foreign cities): "Hà Nội", "TP.HCM", "Trung Quốc", with context checks so that
  "anh Hà Giang", "Nguyễn Thái Bình", "đường Hà Nội", "Tuấn Anh" are not read as places.
Named physical places ("sân bay Tân Sơn Nhất", "bán đảo Triều Tiên") come from a head word and the
capitalised name after it (`feature_places`).

The places stage reports these as LOC mentions; the organizations stage ends a name at a place
("Công an tỉnh Nghệ An") and the people stage refuses a place as a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.normal_form import normalize_text
from pipeline.core.resource_files import read_list, read_table
from pipeline.text.lexical import ABBR, CAP, LOWER, NUM, PUNCT, Syllable, adjacent, phrase_key, vietnamese_words

HCMC = "Thành phố Hồ Chí Minh"


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    canonical: str
    type: str
    bare: bool  # may be matched without an administrative word before it
    ambiguous: bool  # also a personal name / common word: needs a place context
    domestic: bool  # a Vietnamese administrative unit or region (kept inside organization names)
    parent: str = ""  # a district's province ("Yên Mỹ" -> "Hưng Yên")


@dataclass(frozen=True, slots=True)
class PlaceHit:
    first: int  # index of the first token of the whole match (administrative word included)
    last: int  # index after the last token
    name_first: int  # index of the first token of the name itself
    canonical: str
    prefixed: bool
    domestic: bool
    type: str = ""  # the gazetteer's type (province, municipality, ...) when known


@dataclass(frozen=True, slots=True)
class CountryRow:
    name: str
    type: str  # country | territory | continent | city
    aliases: tuple[str, ...]
    ambiguous: frozenset[str]  # the names that are also a personal name or word ("Anh", "Mĩ")
    own_names: frozenset[str] = frozenset()  # names of their own ("Hoa Kỳ"): see written_names.py


@lru_cache(maxsize=1)
def country_rows() -> tuple[CountryRow, ...]:
    """resources/countries_vi.tsv: the ambiguous flag is the short name's ("Úc", not "Australia");
    an alias written with a leading "?" is ambiguous too ("?Mĩ"), one with "=" a name of its own."""
    rows = []
    for name, typ, aliases, ambiguous in read_table("countries_vi.tsv", header=True):
        written = [a for a in aliases.split("|") if a]
        flagged = {a[1:] for a in written if a.startswith("?")} | ({name} if ambiguous == "1" else set())
        own = frozenset(a[1:] for a in written if a.startswith("="))
        rows.append(CountryRow(name, typ, tuple(a.lstrip("?=") for a in written), frozenset(flagged), own))
    return tuple(rows)


@lru_cache(maxsize=1)
def own_country_names() -> dict[str, str]:
    """Names of their own ("Hoa Kỳ", "Australia"), case-folded -> the country's name (written_names.py)."""
    return {own.casefold(): row.name for row in country_rows() for own in row.own_names}


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict, dict]:
    """(alias token tuple -> entry, prefixed-only alias tuple -> entry)."""
    free: dict[tuple[str, ...], PlaceEntry] = {}
    prefixed: dict[tuple[str, ...], PlaceEntry] = {}

    def add(alias: str, entry: PlaceEntry) -> None:
        only_after_admin = alias.startswith("~") or not entry.bare
        key = phrase_key(alias.lstrip("~"))
        if not key:
            return
        prefixed.setdefault(key, entry)
        if not only_after_admin:
            old = free.get(key)
            if old is None or (old.type not in ("province", "municipality") and entry.type in ("province", "municipality")):
                free[key] = entry

    for name, typ, parent, _merged, _set, aliases, bare in read_table("places_vn.tsv", header=True):
        entry = PlaceEntry(name, typ, bare == "1", False, True, parent)
        for alias in [name, *filter(None, aliases.split("|"))]:
            add(alias, entry)
    for country in country_rows():
        for alias in (country.name, *country.aliases):
            add(alias, PlaceEntry(country.name, country.type, True, alias in country.ambiguous, False))
    return free, prefixed


@lru_cache(maxsize=1)
def _context() -> dict[str, set[tuple[str, ...]]]:
    roles: dict[str, set[tuple[str, ...]]] = {}
    for word, role in read_table("place_context.tsv", header=True):
        roles.setdefault(role, set()).add(tuple(word.split()))
    return roles


# Administrative words as canonical names spell them ("Sở Y tế tỉnh Yên Bái", "Công an thị xã X").
ADMINISTRATIVE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")

# Administrative words that introduce a place name, with the type they imply.
_ADMIN_WORDS = {
    ("tỉnh",): "province", ("thành", "phố"): "city", ("TP",): "city", ("Tp",): "city", ("TX",): "town",
    ("thị", "xã"): "town", ("thị", "trấn"): "town", ("huyện",): "district", ("quận",): "district",
    ("xã",): "commune", ("phường",): "ward",
    ("Q", "."): "district", ("P", "."): "ward", ("H", "."): "district",
}
_CASED_ADMIN = {"TP", "Tp", "TX", "Q", "P", "H"}


_ADMIN_FIRST = {k[0] for k in _ADMIN_WORDS} | {k[0].capitalize() for k in _ADMIN_WORDS}


def admin_word_at(tokens: list[Syllable], i: int) -> int:
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


def _preceded_by(tokens: list[Syllable], i: int, words: set[tuple[str, ...]], lower: bool = True) -> bool:
    for n in (1, 2):
        if i - n >= 0:
            key = tuple((t.text.lower() if lower else t.text) for t in tokens[i - n:i])
            if key in words:
                return True
    return False


def _title_cased(word: str) -> str:
    return word if len(word) <= 1 or not word.isalpha() else word[0] + word[1:].lower()


@lru_cache(maxsize=1)
def _free_first_syllables() -> frozenset[str]:
    """The syllables a gazetteer name may start with, without an administrative word before it (a
    district's too: it may stand before its province)."""
    free, prefixed = gazetteer()
    return frozenset([key[0] for key in free] + [key[0] for key, entry in prefixed.items() if entry.parent])


@lru_cache(maxsize=1)
def _alias_lengths() -> dict[str, tuple[int, ...]]:
    """First syllable of an alias -> the lengths of the aliases it starts, longest first: most
    syllables start none, and are passed over without building a key."""
    lengths: dict[str, set[int]] = {}
    for key in gazetteer()[1]:  # the prefixed table holds every alias
        lengths.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


def _gazetteer_match(tokens: list[Syllable], i: int, table: dict, caps: bool) -> tuple[int, PlaceEntry] | None:
    first = tokens[i].text
    lengths = _alias_lengths().get(_title_cased(first) if caps else first, ())
    for n in lengths:
        if n > len(tokens) - i:
            continue
        key = tuple(t.text for t in tokens[i:i + n])
        if caps:  # headline in capitals: compare title-cased syllables
            key = tuple(_title_cased(w) for w in key)
        entry = table.get(key)
        if entry is not None:
            return n, entry
    return None


def place_at(text: str, tokens: list[Syllable], i: int, previous_hit: PlaceHit | None = None,
             in_name: bool = False) -> PlaceHit | None:
    """The place starting at token i, if any (administrative word included). `in_name`: inside an
    organization's name, where a country needs no further context ("Bộ Quốc phòng Mỹ")."""
    free, prefixed = gazetteer()
    tok = tokens[i]
    n_admin = admin_word_at(tokens, i)
    if n_admin and tok.kind in (CAP, ABBR):  # "TP HCM", "TP Hà Nội" are gazetteer aliases themselves
        match = _gazetteer_match(tokens, i, free, tok.caps_line)
        if match and match[0] > n_admin:
            return PlaceHit(i, i + match[0], i + n_admin, match[1].canonical, True, match[1].domestic)
    if n_admin and i + n_admin < len(tokens) and adjacent(text, tokens[i + n_admin - 1], tokens[i + n_admin]):
        j = i + n_admin
        match = _gazetteer_match(tokens, j, prefixed, tokens[j].caps_line)
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
    match = _gazetteer_match(tokens, i, free, tok.caps_line) or _district_before_province(tokens, i)
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
            and (tok.text.lower() + " " + nxt.text) in vietnamese_words():
        return None  # "Pháp luật", "Ý kiến", "Mỹ phẩm"
    if entry.ambiguous:
        if tok.caps_line or (nxt is not None and nxt.kind == CAP and adjacent(text, tokens[i + n - 1], nxt)):
            return None
        after_place = previous_hit is not None and previous_hit.last in (i - 1, i - 2) \
            and tokens[i - 1].text in ("-", "–", "và", ",", "/")
        # "Đại học Bristol (Anh)", "New York (Mỹ),": a country in brackets after a name
        bracketed = i > 0 and tokens[i - 1].text == "(" and nxt is not None and nxt.text in (")", ",")
        # "tàu quân sự Mỹ", "công dân Nga": after a common noun; a person's name needs a person's word
        # ("anh Đức", "giọng ca Mỹ Tâm") or a capital before it
        after_noun = i > 0 and tokens[i - 1].kind == LOWER and adjacent(text, tokens[i - 1], tok) \
            and not _preceded_by(tokens, i, roles.get("not_country_before", set()))
        if not (after_place or bracketed or after_noun or _preceded_by(tokens, i, roles.get("country_before", set()))):
            return None
    return PlaceHit(i, i + n, i, entry.canonical, False, entry.domestic, entry.type)


def _district_before_province(tokens: list[Syllable], i: int) -> tuple[int, PlaceEntry] | None:
    """"trú tại xã Lý Thường Kiệt, Yên Mỹ, Hưng Yên", "sinh tại Thái Thụy, Thái Bình": a district named
    without its administrative word is one when its own province follows it after a comma."""
    _, prefixed = gazetteer()
    match = _gazetteer_match(tokens, i, prefixed, False)
    if match is None or not match[1].parent:
        return None
    n, entry = match
    if i + n + 1 >= len(tokens) or tokens[i + n].text != ",":
        return None
    after = _gazetteer_match(tokens, i + n + 1, prefixed, False)
    return match if after is not None and after[1].canonical == entry.parent else None


def scan_places(text: str, tokens: list[Syllable]) -> list[PlaceHit]:
    """All place hits, left to right, non-overlapping."""
    hits: list[PlaceHit] = []
    starts = _free_first_syllables()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.text not in starts and tok.text not in _ADMIN_FIRST \
                and not (tok.caps_line and _title_cased(tok.text) in starts):
            i += 1  # no place can start here: most syllables, skipped without reading their context
            continue
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
    # not "tàu sân bay" (an aircraft carrier), not "thành phố" (a city, not a street); the head, then up
    # to 4 words joined by spaces or a dash
    return re.compile(r"(?<!\w)(?<!tàu )(?<![Tt]hành )(?P<head>" + heads + r") (?P<name>[^\W\d_][\w'’]*(?:(?: | ?[-–] ?)[^\W_][\w'’]*){0,3})")


def _is_proper_word(word: str) -> bool:
    """"Tân", "Sơn" yes; "NN", "USS" (abbreviations) and lower-case words no."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def feature_places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of named physical places: "sân bay Tân Sơn Nhất", "bán đảo Triều Tiên"."""
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
        if kept and (kept + 1) // 2 >= spec.min_words and (spec.country_ok or not is_country(name)):
            found.append((m.start(), pos, f"{head[:1].upper()}{head[1:]} {name}"))
    return found


@lru_cache(maxsize=1)
def _place_stopwords() -> frozenset[str]:
    return frozenset(read_list("place_name_stopwords.txt"))


def is_country(name: str) -> bool:
    return normalize_text(name).casefold() in country_names()


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every name and alias of resources/countries_vi.tsv, case-folded."""
    return frozenset(n.casefold() for row in country_rows() for n in (row.name, *row.aliases))
