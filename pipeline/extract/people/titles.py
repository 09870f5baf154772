"""Ranks, positions (titles) and honorifics: the words that stand around a person's name.

Lexicons live in resources/ranks.tsv, positions.tsv and honorifics.tsv; each entry is passed
through `normalize_text` when loaded, so old ("Thiếu uý") and new ("Thiếu úy") tone spellings
match alike. Everything is matched with precompiled, case-insensitive regexes anchored at a
given offset, so a caller can walk a sentence left to right in linear time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from pipeline.core.records import Mention
from pipeline.core.resource_files import read_table
from pipeline.extract.abbreviations.detector import expand_abbreviations
from pipeline.extract.gazetteer import is_country
from pipeline.extract.organizations.component import find_organizations, organization_at
from pipeline.extract.organizations.lexicon import known_organizations, own_organization_names
from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.text.lexical import PUNCT, Syllable, phrase_key, syllable_kind, vietnamese_words


# Modifiers that make a variant of any position: "Phó Chủ tịch", "Quyền Giám đốc",
# "Phó Bí thư Thường trực", "Bí thư thứ nhất".
_PREFIXES = ((), ("phó",), ("quyền",), ("quyền", "phó"), ("q.",), ("thường", "trực"))
_SUFFIXES = ((), ("thường", "trực"), ("thứ", "nhất"))
# Words before a title that are not part of it: "nguyên Bộ trưởng" (former), "tân Đại sứ" (new).
SKIPPED_BEFORE = frozenset({"nguyên", "cựu", "tân", "đương", "kiêm"})
MAX_WORDS = 9




# A syllable-final "y" after a consonant is also written "i": "nghị sỹ" / "nghị sĩ", "Trung sỹ" / "Trung sĩ"
_Y_TO_I = str.maketrans({"y": "i", "ý": "í", "ỳ": "ì", "ỷ": "ỉ", "ỹ": "ĩ", "ỵ": "ị"})
_VOWELS = frozenset("aăâeêioôơuưyáắấéếíóốớúứýàằầèềìòồờùừỳảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ")


@lru_cache(maxsize=200_000)  # asked of every word, again and again, by the title scanner
def word_key(word: str) -> str:
    """A title word as the lexicons compare it: case-folded, with a final "y" after a consonant as "i"."""
    w = word.casefold()
    if len(w) >= 2 and w[-1] in "yýỳỷỹỵ" and w[-2] not in _VOWELS:
        w = w[:-1] + w[-1].translate(_Y_TO_I)
    return w


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in phrase.split())


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # rank | position | honorific | profession | team_role
    value: str  # canonical rank; for positions, "" (the text's own spelling is kept)
    needs_org: bool = False
    domain: str = ""  # positions: party, government, diplomatic, ... (positions.tsv)
    takes_org: bool = True  # positions: False when a name, never an organization, follows ("giám khảo")


@dataclass(frozen=True, slots=True)
class Lexicons:
    phrases: dict[tuple[str, ...], Entry]  # casefolded word tuple -> entry
    first_words: frozenset[str]  # casefolded first words of every phrase (a cheap pre-filter)
    academic: frozenset[str]  # case-sensitive degree abbreviations: GS, PGS, TS, ThS, NSND ...


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    phrases: dict[tuple[str, ...], Entry] = {}
    for surface, canonical in read_table("ranks.tsv"):
        phrases[_key(surface)] = Entry("rank", canonical)
    academic = set()
    for surface, kind in read_table("honorifics.tsv"):
        if kind == "academic" and " " not in surface and surface.upper()[:1] == surface[:1]:
            academic.add(surface)
        phrases.setdefault(_key(surface), Entry("honorific" if kind == "academic" else kind, ""))
    for position, org, domain in read_table("positions.tsv"):
        head = _key(position)
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                key = prefix + head + suffix
                if key not in phrases or phrases[key].kind != "rank":
                    phrases.setdefault(key, Entry("position", "", org == "yes", domain, org != "never"))
    return Lexicons(phrases, frozenset(k[0] for k in phrases), frozenset(academic))


@lru_cache(maxsize=100_000)
def is_academic(word: str) -> bool:
    """"PGS.TS", "ThS", "GS.TSKH": every dot-separated piece is a degree abbreviation."""
    pieces = [p for p in word.split(".") if p]
    return bool(pieces) and all(p in lexicons().academic for p in pieces)


def lookup(words: list[str]) -> tuple[int, Entry] | None:
    """The longest lexicon phrase that `words` (consecutive words of a text) starts with."""
    lex = lexicons()
    if not words:
        return None
    if is_academic(words[0]):
        return 1, Entry("academic", words[0])
    folded = [word_key(w) for w in words[:MAX_WORDS]]
    if folded[0] not in lex.first_words:
        return None
    for length in range(len(folded), 0, -1):
        entry = lex.phrases.get(tuple(folded[:length]))
        if entry is not None:
            return length, entry
    return None


def split_glued_titles(words: list[Syllable]) -> list[Syllable]:
    """"Phan Anh Minh-Phó giám đốc Công an": a name glued by a hyphen to the rank or position that
    follows it is split there, so that the title reads as an apposition after the name."""
    out: list[Syllable] = []
    for n, word in enumerate(words):
        head, hyphen, tail = word.text.rpartition("-")
        found = lookup([tail, *(w.text for w in words[n + 1:n + MAX_WORDS])]) if hyphen and tail[:1].isupper() else None
        if found is None or found[1].kind not in ("rank", "position") or not is_vietnamese_syllable(head):
            out.append(word)
            continue
        middle = word.start + len(head)
        out += [Syllable(word.start, middle, head, syllable_kind(head), word.caps_line),
                Syllable(middle, middle + 1, "-", PUNCT, word.caps_line),
                Syllable(middle + 1, word.end, tail, syllable_kind(tail), word.caps_line)]
    return out


# How the modifiers of a position are written in a title ("Phó Thủ tướng Thường trực", "Bí thư thứ nhất").
_MODIFIER_SPELLING = {"phó": "Phó", "quyền": "Quyền", "quyền phó": "Quyền Phó", "q.": "Q.", "thường trực": "Thường trực", "thứ nhất": "thứ nhất"}


@lru_cache(maxsize=1)
def _position_spellings() -> dict[tuple[str, ...], str]:
    """Casefolded position → its spelling in positions.tsv (the first row, where rows differ in case)."""
    spellings: dict[tuple[str, ...], str] = {}
    for position, _org, _domain in read_table("positions.tsv"):
        spellings.setdefault(_key(position), position)
    return spellings


def position_case(value: str) -> str:
    """A position in one case, the lexicon's: "Phó thủ tướng" and "Phó Thủ tướng" → "Phó Thủ tướng",
    "Chánh thanh tra" → "Chánh Thanh tra" (positions.tsv), "thường trực" → "Thường trực"; a position
    the lexicon does not list is capitalised: "giám đốc" -> "Giám đốc"."""
    if not value:
        return value
    key = _key(value)
    spellings = _position_spellings()
    for prefix in _PREFIXES:
        for suffix in _SUFFIXES:
            head = key[len(prefix):len(key) - len(suffix)]
            if key[:len(prefix)] != prefix or key[len(key) - len(suffix):] != suffix or head not in spellings:
                continue
            words = [_MODIFIER_SPELLING[" ".join(prefix)]] if prefix else []
            words.append(spellings[head])
            if suffix:
                words.append(_MODIFIER_SPELLING[" ".join(suffix)])
            return _as_spelled(" ".join(words), value)
    return value[:1].upper() + value[1:]


def _as_spelled(canonical: str, written: str) -> str:
    """The lexicon's case with the document's y/i spelling: "Thượng nghị sỹ" stays "sỹ"."""
    ours, theirs = canonical.split(), written.split()
    if len(ours) != len(theirs):
        return canonical
    return " ".join(o if o.casefold() == t.casefold() else t for o, t in zip(ours, theirs))


# ------------------------------------------------------------ organizations after a position



@lru_cache(maxsize=1)
def _implied_heads() -> dict[str, str]:
    return {row[0]: row[1] for row in read_table("position_implied_heads.tsv")}


def implied_head(position: str | None) -> str | None:
    """"Trưởng phòng" → "Phòng": the unit a position names by its last word(s)."""
    if not position:
        return None
    words = position.split()
    for n in (2, 1):
        head = _implied_heads().get(" ".join(words[-n:]).lower()) if len(words) > n else None
        if head:
            return head
    return None

# Fallback org phrase (used until / unless the organizations stage answers): capitalised words,
# abbreviations, numbers, administrative words before a name ("tỉnh Quảng Nam", "quận 5"), and
# one lower-case syllable after a capitalised one ("Bộ Công an", "Sở Y tế"), never a function word.
from pipeline.extract.people.names import LOWER as _LOWER, UPPER as _UPPER  # noqa: E402

_ORG_WORD_RE = re.compile(
    r"(?:[" + _UPPER + r"][\w&.'-]*|\d+[\w/-]*|(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã|thị trấn|"
    r"số|và|&)(?=\s+[" + _UPPER + r"\d]))")
_LOWER_SYL_RE = re.compile("[" + _LOWER + r"]+(?![\w])")
_ADMIN_AFTER_RE = re.compile(r"(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã|thị trấn)\s+(?=[" + _UPPER + r"\d])")
_NOT_IN_ORG = frozenset(
    "cho đã được là có tại trong với về của khi đang sẽ thì mà này đó nói biết cũng vừa đến từ theo trên dưới "
    "sau trước ra vào lên để do bị các những nhiều năm ngày tháng và hay hoặc như nhưng vì nên rằng chủ trì "
    "dự tham gia nhấn mạnh yêu cầu đề nghị phát biểu cho biết trao tặng tiếp làm việc thăm kiểm tra chỉ đạo "
    "ký đánh giá khẳng định nhận xét chia sẻ bày tỏ tuyên bố kêu gọi gửi ông bà anh chị nhiệm".split())


def _rank_at(text: str, pos: int) -> bool:
    found = lookup(text[pos:pos + 40].split()[:MAX_WORDS])
    return found is not None and found[1].kind == "rank"


def _ends_with_country(phrase: str) -> bool:
    words = phrase.split()
    return any(is_country(" ".join(words[-n:])) for n in (1, 2, 3) if len(words) >= n)


def _fallback_org_end(text: str, pos: int) -> int:
    end = pos
    i = pos
    lowered = True  # whether the previous word already took its lower-case syllable
    previous = ""
    n = len(text)
    while i < n:
        m = _ORG_WORD_RE.match(text, i)
        if m:
            word = m.group(0)
            if end == pos and word in ("và", "&", "số"):
                break
            if word[:1].isupper() and lookup(text[i:i + 40].split()[:MAX_WORDS]) is not None:
                break  # the next title starts here: "... Phú Xuyên và Đại tá X"
            if end > pos and text.startswith(":", m.end()):
                break  # a label starts here: "Trường Chính trị TP. Ảnh: LÊ PHI"
            end = m.end()
            lowered = not (word[:1].isupper() and not word.isupper())
            previous = word.lower()
        else:
            m = _LOWER_SYL_RE.match(text, i)
            # "Ban quản lý": a word is not cut after its first lower-case syllable
            mid_word = bool(m) and f"{previous} {m.group(0)}" in vietnamese_words()
            if not m or (lowered and not mid_word) or m.group(0) in _NOT_IN_ORG or _rank_at(text, i):
                break  # "Bộ trưởng Quốc phòng Mỹ tướng Jim Mattis": the rank is the person's
            if _ends_with_country(text[pos:end]):
                break  # "Chủ tịch Quốc hội Lào dẫn đầu đoàn": a country ends the unit
            end = m.end()
            lowered = True
            previous = m.group(0)
        i = end
        if i < n and text[i] == " ":
            i += 1
        else:
            break
    if end > pos + 1 and text[end - 1] == ".":
        end -= 1  # "Tỉnh ủy Yên Bái.", "PCCC TP.HCM.": the sentence's full stop, not the name's
    # a trailing connector is not part of the name
    return pos + len(re.sub(r"(?:\s+(?:và|&|số|tỉnh|thành phố|huyện|quận|xã|phường|thị xã|thị trấn))+$", "",
                            text[pos:end]))


def organization_after(text: str, pos: int, definitions: Mapping[str, str] | None,
                       position: str | None = None,
                       organizations: Sequence[Mention] = ()) -> tuple[int, int, str] | None:
    """(start, end, canonical) of the organization phrase starting at `pos` (after spaces):
    one of the document's `organizations` (the ORG mentions), else the fallback phrase.

    After a position that names its unit's head ("Trưởng phòng Cảnh sát hình sự Công an tỉnh X"),
    the phrase is read as that head's organization, and the canonical name leaves the head out.
    """
    start = pos
    while start < len(text) and text[start] == " ":
        start += 1
    head = implied_head(position)
    if head and start < len(text) and text[start].islower():  # "Trưởng Phòng cảnh sát hình sự (PC45)"
        unit = organization_at(text, organizations, pos - len(head))
        if unit is not None and text[pos - len(head):pos] == head and unit.end > start:
            canonical = unit.canonical
            return start, unit.end, canonical[len(head) + 1:] if canonical.startswith(head + " ") else canonical
    if start >= len(text) or not (text[start].isupper() or text[start].isdigit() or _ADMIN_AFTER_RE.match(text, start)):
        return None
    if head and text[start].isupper():
        window = f"{head} {text[start:start + 300]}"
        mention = organization_at(window, find_organizations(window, definitions), 0)
        if mention is not None and mention.end > len(head) + 1:
            canonical = mention.canonical
            if canonical.lower().startswith(head.lower() + " "):
                canonical = canonical[len(head) + 1:]
            return start, start + mention.end - len(head) - 1, organization_case(canonical)
    mention = organization_at(text, organizations, start)
    if mention is not None and mention.start == start and mention.end > start:
        return mention.start, mention.end, organization_case(mention.canonical)
    end = _fallback_org_end(text, start)
    if end <= start:
        return None
    return start, end, organization_case(expand(text[start:end], definitions))


def organization_case(name: str) -> str:
    """A known organization in its canonical case (organizations_known.tsv), however the text writes
    it: "Bộ Nông nghiệp và Phát triển Nông thôn" → "Bộ Nông nghiệp và Phát triển nông thôn". A name of
    its own stays as the organizations stage chose it ("Trung ương Đoàn", "Viettel": written_names.py)."""
    key = tuple(k.lower() for k in phrase_key(name))
    if len(key) < 2 or name.casefold() in own_organization_names():
        return name
    return known_organizations()[1].get(key, name)


_MINISTER_RE = re.compile(r"(?:^|\s)(?:bộ|thứ) trưởng(?:\s|$)", re.IGNORECASE)


def ministry_of(position: str, organization: str) -> str:
    """A Vietnamese minister is named by the field of the ministry ("Bộ trưởng Quốc phòng"); the
    title names the ministry itself ("Bộ trưởng Bộ Quốc phòng") when "Bộ <field>" is a known state
    body. Foreign ministers keep the text's wording ("Bộ trưởng Quốc phòng Mỹ")."""
    if organization.startswith("Bộ ") or not _MINISTER_RE.search(position):
        return organization
    known = known_organizations()[0].get(phrase_key(f"Bộ {organization}"))
    return known[0] if known and known[1] == "state" else organization


def expand(name: str, definitions: Mapping[str, str] | None) -> str:
    """Abbreviations in `name` replaced by their long forms (the document's own first)."""
    return expand_abbreviations(name, definitions or {})
