"""Parsing one organization name at a token: the grammar the organizations stage applies.

`OrgScanner.parse(i)` reads a head from resources/org_heads.tsv and its tail (see the module
docstring of `organizations/component.py` for the rules) into an `OrgNode`: the head, the name's
pieces and any nested organization. `organizations/component.py` runs it over whole documents,
renders canonical names and resolves bare heads.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.extract.abbreviations.detector import expand_abbreviations
from pipeline.extract.gazetteer import HCMC, admin_word_at, is_country, place_at
from pipeline.extract.organizations.lexicon import (Head, branch_attributive_before, context_keys, free_name_words, heads_index, known_organizations,
                                                    learned_names, outlet_in_running_text, position_phrases,
                                                    rank_phrases, surname_keys)
from pipeline.extract.surnames import is_surname
from pipeline.text.lexical import ABBR, CAP, LOWER, MIXED, NUM, PUNCT, Syllable, adjacent, phrase_key, vietnamese_words

MAX_DEPTH = 3  # nested organizations read inside one name ("Phòng … Công an tỉnh …")
_CONNECTORS = {"và", "-", "–", "&"}
_ADMIN_CANONICAL = {"tp": "thành phố", "tx": "thị xã", "q": "quận", "p": "phường", "h": "huyện"}
_ADMIN_WORD_OF_TYPE = {"province": "tỉnh", "municipality": "thành phố"}
PLURAL_WORDS = {"các", "những", "mỗi", "nhiều", "từng", "hai", "ba"}


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
    place: str | None = None  # the place piece that ends the name ("tỉnh Quảng Nam"), if any
    place_first: int = -1  # its first token


# ------------------------------------------------------------------ parsing

@lru_cache(maxsize=1)
def _surname_words() -> frozenset[str]:
    return frozenset(w for (w,) in surname_keys())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(w for (w,) in context_keys("stop_word"))


class OrgScanner:
    """Parses organization names over a text's lexical layer (`syllables`)."""

    def __init__(self, text: str, definitions: Mapping[str, str] | None, syllables: tuple[Syllable, ...],
                 max_depth: int = MAX_DEPTH, learned: frozenset[tuple[str, ...]] | None = None):
        self.text = text
        self.tokens = syllables
        self.max_depth = max_depth
        self.definitions = definitions or {}
        self.words = vietnamese_words()
        self.free = free_name_words()
        self.surnames = _surname_words()
        self.stop_words = _stop_words()
        self.learned = learned_names() if learned is None else learned  # names with a lower-case ending
        self.ranks = rank_phrases()
        self.positions = position_phrases()
        self.known_tables = known_organizations()  # (exact, case-folded, longest name by first word)

    # --- pieces
    def known_at(self, i: int) -> tuple[int, str] | None:
        toks = self.tokens
        tok = toks[i]
        caps = tok.caps_line
        exact, folded, longest_by_first = self.known_tables
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
            if hit and (hit[1] != "outlet" or outlet_in_running_text(key, hit[0])):
                return n, hit[0]
            # every word capitalised, as headlines write names ("Bộ Tài Chính"): compare case-folded
            if n >= 2 and all(t.kind == CAP for t in toks[i:i + n]):
                name = folded.get(tuple(t.text.lower() for t in toks[i:i + n]))
                if name and exact.get(phrase_key(name), ("", ""))[1] != "outlet":
                    return n, name
        return None

    def head_at(self, i: int) -> tuple[int, Head] | None:
        tok = self.tokens[i]
        if tok.caps_line or tok.kind not in (CAP, ABBR, LOWER):
            return None
        for rest, head in heads_index().get(tok.text, ()):
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

    def learned_at(self, first: int, k: int) -> int:
        """Lower-case tokens from k that end a learned official name begun at `first` ("Cục Quản lý"
        + "cạnh tranh"); 0 when none does."""
        toks = self.tokens
        for n in range(9, 0, -1):
            if k + n <= len(toks) and tuple(t.text for t in toks[first:k + n]) in self.learned \
                    and all(adjacent(self.text, a, b) for a, b in zip(toks[k - 1:k + n - 1], toks[k:k + n])):
                return n
        return 0

    def _rank_at(self, k: int) -> bool:
        toks = self.tokens
        return any(tuple(t.text.casefold() for t in toks[k:k + n]) in self.ranks for n in (1, 2, 3))

    def position_at(self, k: int) -> bool:
        """A position word starts at token k ("Ủy viên", "Phó Chủ tịch"): after "và" it begins a
        person's next title, not the rest of a name ("Bộ Tài chính và Ủy viên Trung ương Đảng")."""
        words = [t.text.casefold() for t in self.tokens[k:k + 5]]
        if words[:1] and words[0] in ("phó", "quyền", "nguyên", "cựu"):
            words = words[1:]
        return any(tuple(words[:n]) in self.positions for n in range(len(words), 0, -1))

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
        if lowercase_head and "country" in h.flags and (not self._country_only(node) or self._attributive(i)):
            return self._known_node(i, known)  # "căn cứ không quân Andrews" is an air base
        if known and known[0] >= node.last - i:
            return self._known_node(i, known)
        if known and self._aligned(node, i + known[0]):
            rest = self._parts_after(node, i + known[0])
            node.head, node.parts = known[1], rest
        return node

    def _attributive(self, i: int) -> bool:
        """"sức mạnh hải quân Mỹ": the branch describes the word before it."""
        words = tuple(t.text.lower() for t in self.tokens[max(0, i - 2):i])
        return any(words[-n:] in branch_attributive_before() for n in (1, 2) if len(words) >= n)

    @staticmethod
    def _country_only(node: OrgNode) -> bool:
        return len(node.parts) == 1 and isinstance(node.parts[0], str) and is_country(node.parts[0])

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

    def place_piece(self, k: int) -> tuple[int, str] | None:
        """(end token, canonical piece) of a place written at token k with its administrative word or
        capitalised ("tỉnh Quảng Nam", "Hà Nội" → "thành phố Hà Nội"), else None."""
        place = self._place(k, k, admin_word=True) if 0 < k < len(self.tokens) else None
        if place is None or not (place[2] or self.tokens[k].kind != LOWER):
            return None
        return place[0], place[1]

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
            lower_head = self.head_at(k) if t.kind == LOWER else None
            if lower_head and "country" in lower_head[1].flags:
                break  # "Lữ đoàn 172 hải quân Việt Nam": a lower-case branch is no part of the name
            if depth < self.max_depth and (significant or "parent" in head.flags) and (self.head_at(k) or self.known_at(k)):
                nested = self.parse(k, depth + 1)
                if nested is not None and not (nested.bare and not nested.bare_ok):
                    add(nested.last, nested)
                    significant = True
                    break
            place = self._place(k, k, admin_word="admin" in head.flags)
            if place is not None and (place[2] or t.kind != LOWER):
                add(place[0], place[1])
                node.place, node.place_first = place[1], k
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
            if t.kind == CAP and self._rank_at(k):
                break  # "Bộ trưởng Bộ Công an Thượng tướng Tô Lâm": the person's rank
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
            if t.kind == MIXED and t.text[:1].isupper():  # a brand: "Công ty SquareTrade", "YouTube"
                add(k + 1, t.text)
                significant, k = True, k + 1
                continue
            if t.kind == NUM and not node.parts and "number" not in head.flags:
                break  # "Phòng 3" (a room), "Vụ 8" (a case): only numbered units are named by a number alone
            if t.kind == NUM and len(t.text) <= 4 and not self._decimal(k):
                add(k + 1, t.text)
                significant, k = True, k + 1
                continue
            if t.kind == LOWER or t.text in ("-", "–", "&"):
                # after a foreign word the Vietnamese name words do not go on: "Công ty Fruit Fixed | chuyên"
                foreign = k > 0 and toks[k - 1].kind in (CAP, MIXED) and not is_vietnamese_syllable(toks[k - 1].text)
                n = 0 if foreign else self.free_at(k)
                if n:  # a name needs more than free words: "Vụ chuyên ngành" is no name
                    add(k + n, " ".join(x.text for x in toks[k:k + n]))
                    k += n
                    continue
                n = self.learned_at(node.first, k) if significant else 0
                if n:
                    add(k + n, " ".join(x.text for x in toks[k:k + n]))
                    k += n
                    continue
                if t.text == "số" and k + 1 < len(toks) and toks[k + 1].kind == NUM:
                    add(k + 2, f"số {toks[k + 1].text}")
                    significant, k = True, k + 2
                    continue
                if t.text in _CONNECTORS and significant and k + 1 < len(toks) and toks[k + 1].kind in (CAP, ABBR) \
                        and adjacent(self.text, t, toks[k + 1]) and not self.head_at(k + 1) and not self.known_at(k + 1) \
                        and not self.position_at(k + 1):
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
