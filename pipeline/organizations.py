"""Stage: organizations (ORG) — names built from an organization head, and well-known names.

A name is a head from resources/org_heads.tsv ("Bộ", "Tổng cục", "Quân khu", "UBND", "Trường THPT"…)
followed by a tail, read syllable by syllable:
- capitalised words, each completed by the lower-case syllables that make one Vietnamese word with it
  ("Công nghiệp", "Giáo dục", "Cảnh sát giao thông"), and free lower-case name words ("quốc phòng",
  "nhân dân", from resources/org_name_words.tsv);
- abbreviations ("CNQP", "GD&ĐT": expanded with the document's definitions), numbers ("Quân khu 7"),
  "và" / "-" / "&" between two name words;
- a place ("tỉnh Nghệ An", "TP.HCM", "Hà Nội"), or a nested organization ("Phòng CSGT Công an tỉnh X",
  "Đảng ủy Tổng cục"), after which the name ends.
The tail stops at a verb or function word, punctuation, a person's name ("Bộ Công Thương Hoàng Quốc
Vượng") or the next organization after "và". Lines in capitals only match well-known names.

A bare head ("Tổng cục", "Đảng ủy", "Bộ" followed by no name) stands for the document's one full
organization with that head, when there is exactly one ("Đảng ủy Tổng cục" → "Đảng ủy Tổng cục Công
nghiệp quốc phòng"); otherwise it is dropped. Nested organizations are reported too.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language

from . import doc_ext  # noqa: F401  (registers doc._.record)
from .abbreviations import expand_abbreviations
from .normalize import normalize_text
from .org_lexicon import (Head, _context_keys, _free_words, _head_names, _heads, _known, _outlet_in_running_text,
                          _surname_keys, vietnamese_words)
from .person_names import is_surname
from .places import (ABBR, CAP, HCMC, LOWER, NUM, PUNCT, _token_key, adjacent, admin_word_at, place_at,
                     scan_places, tokenize)
from .records import Mention

_MAX_DEPTH = 3
_CONNECTORS = {"và", "-", "–", "&"}
_ADMIN_CANONICAL = {"tp": "thành phố", "tx": "thị xã", "q": "quận", "p": "phường", "h": "huyện"}
_ADMIN_WORD_OF_TYPE = {"province": "tỉnh", "municipality": "thành phố"}
_PLURAL = {"các", "những", "mỗi", "nhiều", "từng", "hai", "ba"}


@dataclass(slots=True)
class OrgNode:
    first: int  # token indices, end exclusive
    last: int
    head: str  # canonical head (or the known organization's name)
    parts: list = field(default_factory=list)  # str pieces and nested OrgNodes
    bare: bool = False
    bare_ok: bool = False
    head_end: int = 0
    children: list = field(default_factory=list)


# ------------------------------------------------------------------ parsing

class _Scanner:
    def __init__(self, text: str, definitions: Mapping[str, str] | None):
        self.text = text
        self.tokens = tokenize(text)
        self.definitions = definitions or {}
        self.words = vietnamese_words()
        self.free = _free_words()
        self.surnames = {w for (w,) in _surname_keys()}
        self.stop_words = {w for (w,) in _context_keys("stop_word")}

    # --- pieces
    def known_at(self, i: int) -> tuple[int, str] | None:
        exact, folded, longest_by_first = _known()
        toks = self.tokens
        tok = toks[i]
        caps = tok.caps_line
        longest = longest_by_first.get(tok.text.lower() if caps else tok.text, 0)
        if not longest:
            return None
        n_max = 1
        while n_max < min(longest, len(toks) - i) and adjacent(self.text, toks[i + n_max - 1], toks[i + n_max]):
            n_max += 1
        for n in range(n_max, 0, -1):
            if caps:  # headline in capitals: compare case-folded
                name = folded.get(tuple(t.text.lower() for t in toks[i:i + n]))
                if name:
                    return n, name
                continue
            key = tuple(t.text for t in toks[i:i + n])
            hit = exact.get(key)
            if hit and (hit[1] != "outlet" or _outlet_in_running_text(key, hit[0])):
                return n, hit[0]
            # every word capitalised, as headlines write names ("Bộ Tài Chính"): compare case-folded
            if n >= 2 and all(t.kind == CAP for t in toks[i:i + n]):
                name = folded.get(tuple(t.text.lower() for t in toks[i:i + n]))
                if name and exact.get(_token_key(name), ("", ""))[1] != "outlet":
                    return n, name
        return None

    def head_at(self, i: int) -> tuple[int, Head] | None:
        tok = self.tokens[i]
        if tok.caps_line or tok.kind not in (CAP, ABBR, LOWER):
            return None
        for rest, head in _heads().get(tok.text, ()):
            n = 1 + len(rest)
            toks = self.tokens[i + 1:i + n]
            if len(toks) == len(rest) and all(
                (t.text if head.short_alias or r.isupper() else t.text.lower()) == r for t, r in zip(toks, rest)
            ) and all(adjacent(self.text, a, b) for a, b in zip(self.tokens[i:i + n], toks)):
                return n, head
        return None

    def word_at(self, k: int) -> int:
        """Tokens of the word starting with capitalised token k ("Giáo dục", "Cảnh sát giao thông")."""
        toks, n = self.tokens, 1
        text = toks[k].text.lower()
        best = 1
        while k + n < len(toks) and n < 6 and toks[k + n].kind == LOWER and adjacent(self.text, toks[k + n - 1], toks[k + n]):
            text += " " + toks[k + n].text
            n += 1
            if text in self.words:
                best = n
        return best

    def free_at(self, k: int) -> int:
        toks = self.tokens
        for n in (4, 3, 2, 1):
            if k + n <= len(toks) and tuple(t.text for t in toks[k:k + n]) in self.free:
                return n
        return 0

    def expand(self, abbr: str) -> str:
        if abbr in self.definitions:
            return self.definitions[abbr]
        if self.definitions:
            return expand_abbreviations(abbr, self.definitions)
        return abbr

    # --- an organization at token i
    def parse(self, i: int, depth: int = 0) -> OrgNode | None:
        toks = self.tokens
        known = self.known_at(i)
        head = self.head_at(i)
        if head is None:
            if known is None:
                return None
            node = OrgNode(i, i + known[0], known[1])
            place = self._place(i + known[0], node.last)
            if place and not place[2]:  # "Chính phủ Mỹ", "Quốc hội Nhật Bản"
                node.parts.append(place[1])
                node.last = place[0]
            return node
        n_head, h = head
        if "block" in h.flags:
            return None
        j = i + n_head
        if toks[i].kind == LOWER and i > 0 and toks[i - 1].kind in (LOWER, CAP) and adjacent(self.text, toks[i - 1], toks[i]) \
                and f"{toks[i - 1].text.lower()} {toks[i].text}" in self.words:
            return self._known_node(i, known)  # "nhà báo", "họp báo", "văn phòng"
        if j < len(toks) and toks[j].kind == LOWER and adjacent(self.text, toks[j - 1], toks[j]) \
                and f"{toks[j - 1].text.lower()} {toks[j].text}" in self.words and not self.free_at(j):
            return self._known_node(i, known)  # "Bộ trưởng", "Báo cáo", "Hội nghị", "Đảng ủy viên"
        node = OrgNode(i, j, h.canonical, bare_ok="bare" in h.flags, head_end=j)
        self._tail(node, h, depth)
        lowercase_head = toks[i].kind == LOWER
        if node.bare and (lowercase_head or h.short_alias):
            return self._known_node(i, known)
        if known and known[0] >= node.last - i:
            return self._known_node(i, known)
        if known and self._aligned(node, i + known[0]):
            rest = self._parts_after(node, i + known[0])
            node.head, node.parts = known[1], rest
        return node

    def _known_node(self, i: int, known: tuple[int, str] | None) -> OrgNode | None:
        return OrgNode(i, i + known[0], known[1]) if known else None

    def _aligned(self, node: OrgNode, boundary: int) -> bool:
        return any(end == boundary for end, _ in node.children)

    def _parts_after(self, node: OrgNode, boundary: int) -> list:
        return [p for (end, p) in node.children if end > boundary]

    def _place(self, k: int, prev_end: int, admin_word: bool = False) -> tuple[int, str, bool] | None:
        """(end token, canonical piece, prefixed) of a place at token k. With `admin_word`, a bare
        province or centrally-run city gets its administrative word ("UBND Hà Nội" is the
        "Ủy ban nhân dân thành phố Hà Nội")."""
        toks = self.tokens
        if k >= len(toks) or not adjacent(self.text, toks[prev_end - 1], toks[k]):
            return None
        hit = place_at(self.text, toks, k, in_name=True)
        if hit is None:
            return None
        if hit.prefixed:
            admin = " ".join(t.text for t in toks[hit.first:hit.name_first] if t.text != ".")
            admin = _ADMIN_CANONICAL.get(admin.lower(), admin.lower())
            piece = hit.canonical if hit.canonical == HCMC else f"{admin} {hit.canonical}"
        else:
            piece = HCMC if hit.canonical == HCMC else " ".join(t.text for t in toks[k:hit.last])
            if admin_word and piece != HCMC and hit.type in _ADMIN_WORD_OF_TYPE:
                piece = f"{_ADMIN_WORD_OF_TYPE[hit.type]} {piece}"
        return hit.last, piece, hit.prefixed

    def _add_posting(self, k: int, head, add) -> None:
        """"Đại sứ quán Úc tại Việt Nam": a mission's name goes on to the place it is posted to."""
        toks = self.tokens
        if "posting" in head.flags and k + 1 < len(toks) and toks[k].text == "tại" \
                and adjacent(self.text, toks[k - 1], toks[k]):
            posted = self._place(k + 1, k + 1)
            if posted is not None:
                add(k + 1, "tại")
                add(posted[0], posted[1])

    def _domestic(self, k: int) -> bool:
        hit = place_at(self.text, self.tokens, k, in_name=True)
        return hit is not None and hit.domestic

    def _decimal(self, k: int) -> bool:
        """Token k (a number) continues as "3,5" / "26/12" / "1.000"."""
        toks = self.tokens
        return k + 2 < len(toks) and toks[k + 1].text in ("/", ".", ",") and toks[k + 2].kind == NUM \
            and toks[k + 1].start == toks[k].end and toks[k + 2].start == toks[k + 1].end

    def _comma_list(self, k: int) -> bool:
        """", Thể thao và Du lịch": a comma inside a name whose last item follows "và"."""
        toks = self.tokens
        if k + 1 >= len(toks) or toks[k + 1].kind != CAP or self.head_at(k + 1):
            return False
        for m in range(k + 2, min(k + 8, len(toks) - 1)):
            if toks[m].kind == PUNCT and toks[m].text != "-":
                return False
            if toks[m].text == "và":
                return toks[m + 1].kind == CAP and not self.head_at(m + 1)
        return False

    def _tail(self, node: OrgNode, head: Head, depth: int) -> None:
        toks, k = self.tokens, node.last
        significant = False

        def add(end: int, piece) -> None:
            node.parts.append(piece)
            node.children.append((end, piece))
            node.last = end

        while k < len(toks) and adjacent(self.text, toks[k - 1], toks[k]):
            t = toks[k]
            if t.text == "," and significant and self._comma_list(k):
                add(k + 1, ",")
                k += 1
                continue
            if t.text == "tại" and significant and "posting" in head.flags:
                self._add_posting(k, head, add)
                break
            if t.kind == PUNCT and t.text not in ("-", "–", "&"):
                break
            if depth < _MAX_DEPTH and (significant or "parent" in head.flags) and (self.head_at(k) or self.known_at(k)):
                nested = self.parse(k, depth + 1)
                if nested is not None and not (nested.bare and not nested.bare_ok):
                    add(nested.last, nested)
                    significant = True
                    break
            place = self._place(k, k, admin_word="admin" in head.flags)
            if place is not None and (place[2] or t.kind != LOWER):
                add(place[0], place[1])
                significant = True
                if place[2] or not self._domestic(k):
                    self._add_posting(place[0], head, add)
                    break
                k = place[0]
                continue
            if admin_word_at(toks, k):
                break  # "UBND tỉnh" with no name after it
            if t.kind == CAP and t.text in self.stop_words:
                break
            if "word" in head.flags and not node.parts and t.kind == CAP and self.word_at(k) == 1:
                break  # "hồ Hội Sơn": "Hội" + a bare name syllable
            if t.kind == CAP:
                if (t.text in self.surnames or is_surname(t.text)) and "person" not in head.flags and k + 1 < len(toks) \
                        and toks[k + 1].kind == CAP and self.word_at(k) == 1:
                    break  # a person's name: "Bộ Công Thương Hoàng Quốc Vượng"
                n = self.word_at(k)
                add(k + n, " ".join(x.text for x in toks[k:k + n]))
                significant, k = True, k + n
                continue
            if t.kind == ABBR:
                add(k + 1, self.expand(t.text))
                significant, k = True, k + 1
                continue
            if t.kind == NUM and len(t.text) <= 4 and not self._decimal(k):
                add(k + 1, t.text)
                significant, k = True, k + 1
                continue
            if t.kind == LOWER or t.text in ("-", "–", "&"):
                n = self.free_at(k)
                if n:  # a name needs more than free words: "Vụ chuyên ngành" is no name
                    add(k + n, " ".join(x.text for x in toks[k:k + n]))
                    k += n
                    continue
                if t.text == "số" and k + 1 < len(toks) and toks[k + 1].kind == NUM:
                    add(k + 2, f"số {toks[k + 1].text}")
                    significant, k = True, k + 2
                    continue
                if t.text in _CONNECTORS and significant and k + 1 < len(toks) and toks[k + 1].kind in (CAP, ABBR) \
                        and adjacent(self.text, t, toks[k + 1]) and not self.head_at(k + 1) and not self.known_at(k + 1):
                    add(k + 1, t.text)
                    k += 1
                    continue
            break
        while node.parts and isinstance(node.parts[-1], str) and node.parts[-1] in _CONNECTORS:
            node.parts.pop()
            node.children.pop()
            node.last = node.children[-1][0] if node.children else node.last - 1
        node.bare = not significant
        if node.bare:
            node.last = node.head_end  # the span is the head alone
            node.parts, node.children = [], []


# ------------------------------------------------------------------ documents

def _render(node: OrgNode, resolve) -> str | None:
    """Canonical name; a bare part is replaced by the document's organization of that head."""
    if node.bare:
        return resolve(node.head) if node.bare_ok else None
    pieces = [node.head]
    for part in node.parts:
        if isinstance(part, OrgNode):
            part = _render(part, resolve)
            if part is None:
                break
        pieces.append(part)
    if len(pieces) == 1 and node.parts:
        return resolve(node.head) if node.bare_ok else None
    return " ".join(pieces).replace(" ,", ",")


@lru_cache(maxsize=4096)
def _head_key(name: str) -> str:
    """The head a full name starts with ("Tổng cục Công nghiệp quốc phòng" → "Tổng cục")."""
    words = name.split()
    for n in range(min(5, len(words)), 0, -1):
        key = " ".join(words[:n])
        if key.lower() in _head_names():
            return _head_names()[key.lower()]
    return name


def _walk(node: OrgNode):
    yield node
    for part in node.parts:
        if isinstance(part, OrgNode):
            yield from _walk(part)


_REPEATED_PHRASE_RE = re.compile(r"\b((?:\w+ ){0,3}\w+) \1\b", re.IGNORECASE)


def _collapse_repeats(name: str) -> str:
    """"BCH Trung ương Đảng" expands to "Ban Chấp hành" + the known "Ban Chấp hành Trung ương Đảng":
    a phrase said twice in a row is said once."""
    return _REPEATED_PHRASE_RE.sub(r"\1", name)


def _datelines(text: str, scanner: _Scanner) -> list[OrgNode]:
    """News outlet in a dateline ("CNQP&KT- …", "(QĐND) - …") or a source note "(Theo Dân trí)"."""
    exact, _, _ = _known()
    found: list[tuple[int, str]] = []
    for m in re.finditer(r"(?m)^\(?([^\s()\-–]{2,20}(?: [^\s()\-–]{2,12})?)\)?\s?[-–]|\(Theo ([^()\n]{2,30})\)", text):
        found.append((m.start(1), m.group(1)) if m.group(1) else (m.start(2), m.group(2)))
    # credits: "Ảnh: Dân trí", "(Nguồn: Yonhap/TTXVN)", "Theo VTV", "(Theo NBC, Daily Mail)"
    for m in _CREDIT_RE.finditer(text):
        pos = m.start("names")
        for piece in re.split(r"([/,;]\s*)", m.group("names")):
            if piece and piece[0] not in "/,;":
                found.extend(_outlet_prefix(piece, pos))
            pos += len(piece)
    nodes = []
    for start, name in found:
        hit = exact.get(_token_key(name))
        if hit and hit[1] == "outlet" and not any(n.head == hit[0] and n.first == start for n in nodes):
            # the token holding the name ("PV/VOV.VN" is one token): a credit may end the text
            first = next((k for k, t in enumerate(scanner.tokens) if t.end > start), None)
            if first is None:
                continue
            last = next((k for k, t in enumerate(scanner.tokens) if t.start >= start + len(name)), len(scanner.tokens))
            nodes.append(OrgNode(first, max(last, first + 1), hit[0]))
    return nodes


_CREDIT_RE = re.compile(r"(?<![\w])(?:Ảnh|Nguồn|Theo|theo báo|Video|Clip)\s*:?\s*(?P<names>[^\n()]{2,60})")


def _outlet_prefix(piece: str, pos: int) -> list[tuple[int, str]]:
    """The longest known outlet name that `piece` starts with (1–3 words), as (start, name)."""
    exact, _, _ = _known()
    words = piece.split(" ")
    for n in (3, 2, 1):
        name = " ".join(words[:n]).rstrip(".")
        hit = exact.get(_token_key(name)) if len(words) >= n and name else None
        if hit and hit[1] == "outlet":
            return [(pos, name)]
    return []


def _analyse(text: str, definitions: Mapping[str, str] | None) -> tuple[list[Mention], list[OrgNode], _Scanner]:
    scanner = _Scanner(text, definitions)
    toks = scanner.tokens
    place_first = {hit.first: hit.last for hit in scan_places(text, toks) if not hit.prefixed}
    tops: list[OrgNode] = []
    i = 0
    while i < len(toks):
        if i in place_first:  # "Hội An", "Đài Loan", "Bắc Bộ" are places, not "Hội …", "Đài …", "Bộ …"
            i = place_first[i]
            continue
        node = scanner.parse(i) if toks[i].kind != PUNCT else None
        if node is None:
            i += 1
            continue
        tops.append(node)
        i = node.last
    tops.extend(_datelines(text, scanner))
    full: dict[str, Counter] = {}

    def resolve(head: str) -> str | None:
        """The document's organization with this head: the only one, or one mentioned at least
        twice and more than twice as often as any other ("Tổng cục" in a report on one Tổng cục
        that also names "Tổng cục Chính trị" once)."""
        ranked = full.get(head, Counter()).most_common(2)
        if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] >= 2 and ranked[0][1] > 2 * ranked[1][1]):
            return ranked[0][0]
        return None

    for _round in range(2):  # nested bare heads first, then heads that needed them
        found: dict[str, Counter] = {}
        for top in tops:
            for node in _walk(top):
                name = _render(node, resolve)
                if name is not None and not node.bare:
                    found.setdefault(_head_key(name), Counter())[name] += 1
        full = found
    mentions = []
    for top in tops:
        for node in _walk(top):
            name = _render(node, resolve)
            if node.bare and node.first > 0 and toks[node.first - 1].text.lower() in _PLURAL:
                continue  # "các Bộ", "những Sở": several organizations, not the document's one
            if name:
                start, end = toks[node.first].start, toks[node.last - 1].end
                mentions.append(Mention(start, end, text[start:end], "ORG", _collapse_repeats(normalize_text(name))))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions, tops, scanner


_LAST: dict[tuple, list[Mention]] = {}


def _cached(text: str, definitions: Mapping[str, str] | None) -> list[Mention]:
    key = (text, tuple(sorted((definitions or {}).items())))
    if key not in _LAST:
        if len(_LAST) >= 4:  # a few documents at a time: the stages call us repeatedly on the same text
            _LAST.clear()
        mentions = _analyse(text, definitions)[0]
        _LAST[key] = list({(m.start, m.end, m.canonical): m for m in mentions}.values())  # one per span and name
    return _LAST[key]


def find_organizations(text: str, definitions: Mapping[str, str] | None = None) -> list[Mention]:
    """ORG mentions (nested ones included) with canonical names, abbreviations expanded."""
    return list(_cached(text, definitions))


def organization_at(text: str, start: int, definitions: Mapping[str, str] | None = None) -> Mention | None:
    """The organization phrase beginning at `start` (after skipping spaces), e.g. after a position
    word: "Chính ủy Tổng cục CNQP" → the organization at the offset of "Tổng cục"."""
    while start < len(text) and text[start] == " ":
        start += 1
    best = None
    for m in _cached(text, definitions):
        if m.start == start and (best is None or m.end > best.end):
            best = m
    return best


def organization_spans(text: str) -> list[tuple[int, int]]:
    """Outermost ORG spans, sorted (used by the places stage)."""
    spans: list[tuple[int, int]] = []
    cached = next((found for key, found in _LAST.items() if key[0] == text), None)  # spans ignore definitions
    for m in cached if cached is not None else _cached(text, None):
        if spans and m.start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end))
        else:
            spans.append((m.start, m.end))
    return spans


@Language.factory("vi_organizations")
def make_organizations(nlp: Language, name: str) -> "OrganizationsComponent":
    return OrganizationsComponent()


class OrganizationsComponent:
    def __call__(self, doc):
        rec = doc._.record
        definitions = None
        if rec.abbreviations:
            from .abbreviations import definitions_of

            definitions = definitions_of(rec.abbreviations)
        rec.mentions = [*rec.mentions, *find_organizations(rec.text, definitions)]
        return doc
