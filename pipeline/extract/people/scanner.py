"""Reading people off the text: the scanner behind the people stage (`people/component.py`).

Each sentence is read left to right as a stream of words and punctuation. A *chain* is a run of
ranks, positions (each with the organization written after it), honorifics and academic titles,
optionally separated by commas ("Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng, Đại tướng");
a capitalised run right after a chain is a name. After a name, ", Position Org, Position Org"
(or " - ", "(") appositions add titles. A capitalised run with no chain is a name only when it
starts with a Vietnamese surname, has 3-4 words and is not a place. The scanner yields
candidates (name words, rank, titles, span); `people/component.find_people` links and assembles them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from pipeline.core.records import Mention
from pipeline.extract.people.candidates import FORMER_WORDS, Candidate, TitleItem, apply_items, share_organizations
from pipeline.extract.people.context import (CREDIT_RE, context_words, cue_modifiers, foreign_given_names,
                                             one_word_name_cues, service_branches)
from pipeline.extract.people.names import (WORD_RE, is_foreign, is_name_word, is_place, name_start_in_run,
                                           starts_with_non_name)
from pipeline.extract.people.rank_context import inside_a_word, names_a_thing
from pipeline.extract.people.role_lists import (appointed_posts, coordinated_names, given_name_not_unit, named_by_la,
                                                names_listed_after)
from pipeline.extract.people.title_orgs import bracketed_parent, diplomat_country, posting_after, trim_organization
from pipeline.extract.people.titles import (SKIPPED_BEFORE, expand, is_academic, lexicons, lookup, ministry_of,
                                            organization_after, position_case, split_glued_titles, word_key)
from pipeline.extract.surnames import is_surname
from pipeline.text.lexical import PUNCT, Syllable, vietnamese_words


def FIRST_WORDS() -> frozenset[str]:  # noqa: N802 - reads like the constant it is
    return lexicons().first_words


_TITLE_WORD_RE = WORD_RE
_SEPARATORS = frozenset({",", "-", "–", "—", "("})
# After these, a two-word given name may hold a country's word: "ca sĩ Mỹ Linh", "giám khảo Đức Huy"
_GIVEN_NAME_CUES = frozenset({"profession", "team_role", "honorific", "complete position"})
_LIST_SEPARATORS = frozenset({",", "và", "-", "–", ".", ";", ")"})
_LIST_ROLES = frozenset({"profession", "team_role"})  # roles whose plural a list of names may follow


@lru_cache(maxsize=200_000)  # asked of every word of every sentence
def _word_flags(word: str) -> tuple[bool, bool]:
    """(may start a title: a rank, position, honorific or degree, or a word skipped before one;
    is a Title-case name word)."""
    may_start = word_key(word) in FIRST_WORDS() or word.casefold() in SKIPPED_BEFORE \
        or (word[0].isupper() and is_academic(word))
    return may_start, _TITLE_WORD_RE.fullmatch(word) is not None


class PersonScanner:
    """Reads one region (a sentence) of the text as a stream of words and punctuation."""

    def __init__(self, text: str, words: list[Syllable], definitions, np_starts,
                 organizations: Sequence[Mention] = ()):
        self.text = text
        self.defs = definitions
        self.organizations = organizations  # the document's ORG mentions
        self.np_starts = np_starts
        self.last_kind: str | None = None
        self.toks = toks = split_glued_titles(words)  # the region's words, from the lexical layer (`joined_words`)
        self.thing_names: list[tuple[str, ...]] = []  # ships and film roles named after a rank
        # Asked of every token, many times over: computed once per region
        self._adjacent = [toks[i + 1].start == toks[i].end + 1 and text[toks[i].end] == " "
                          for i in range(len(toks) - 1)] + [False]
        flags = [_word_flags(t.text) if t.kind != PUNCT else (False, False) for t in toks]
        self._may_start_title = [f[0] for f in flags]
        self._title_case = [f[1] for f in flags]

    # -- helpers
    def adjacent(self, i: int) -> bool:
        """Token i+1 follows token i after exactly one space."""
        return 0 <= i < len(self._adjacent) and self._adjacent[i]

    def words_from(self, i: int, limit: int = 9) -> list[str]:
        out = []
        while i < len(self.toks) and self.toks[i].is_word and len(out) < limit:
            out.append(self.toks[i].text)
            if not self.adjacent(i):
                break
            i += 1
        return out

    def index_at(self, pos: int, i: int) -> int:
        while i < len(self.toks) and self.toks[i].start < pos:
            i += 1
        return i

    def title_run(self, i: int) -> int:
        """Index after the run of adjacent Title-case words starting at i (== i if none)."""
        j = i
        while j < len(self.toks) and self._title_case[j] and (j == i or is_name_word(self.toks[j].text)):
            j += 1
            if not self.adjacent(j - 1):
                break
        return j + 1 if j - i == 2 and self._given_name_ends_run(i, j) else j

    def _given_name_ends_run(self, i: int, j: int) -> bool:
        """"Thiếu tá Lê Ngọc Sáng,", "đại tá Nguyễn Văn Viện,": a word that ends a run elsewhere ("Sáng
        nay", "Viện Khoa học") is the given name after a surname and a middle name, when nothing follows."""
        if not (j < len(self.toks) and self.adjacent(j - 1) and self._title_case[j]
                and is_surname(self.toks[i].text)
                and not is_foreign([t.text for t in self.toks[i:j + 1]]) and lookup(self.words_from(j)) is None):
            return False
        following = self.toks[j + 1] if self.adjacent(j) else None
        return following is None or not (following.text[:1].isupper() or following.text[:1].isdigit())

    def _closing_given_name(self, j: int) -> bool:
        """"cặp song sinh Trọng Vũ - Trọng Sáng và Hải Thanh": after a person's cue, a word that ends a
        run elsewhere ("Sáng nay") closes a two-word given name when a list separator follows it, not
        a time word ("chị Linh Chiều tối 24.6")."""
        if not (j < len(self.toks) and self.adjacent(j - 1) and self._title_case[j]
                and not is_name_word(self.toks[j].text)
                and not is_foreign([self.toks[j - 1].text, self.toks[j].text])):
            return False
        following = self.toks[j + 1] if j + 1 < len(self.toks) else None
        return following is None or following.text in _LIST_SEPARATORS

    # -- elements
    def _inside_word(self, k: int) -> bool:
        """Lower-case token k ends a two-syllable word with the one before it ("chính quyền")."""
        if not 0 < k < len(self.toks):
            return False
        word = self.toks[k].text
        return word.islower() and self.adjacent(k - 1) \
            and f"{self.toks[k - 1].text.casefold()} {word}" in vietnamese_words()

    def element(self, i: int):
        """(entry, index after it) for a rank/position/honorific/academic word group at i."""
        k = i
        while k < len(self.toks) and self.toks[k].text.casefold() in SKIPPED_BEFORE and self.adjacent(k):
            k += 1
        if k >= len(self.toks) or not self.toks[k].is_word:
            return None
        first = self.toks[k].text
        if word_key(first) not in FIRST_WORDS() and not (first[0].isupper() and is_academic(first)):
            return None  # cheap pre-filter: most words start no title
        found = lookup(self.words_from(k))
        while found is not None and self._inside_word(k + found[0]):
            # "Chủ tịch Hội đồng tham mưu": the position "Chủ tịch Hội" would cut "Hội đồng" in two
            found = lookup(self.words_from(k)[:found[0] - 1]) if found[0] > 1 else None
        if found is None:
            return None
        if self._inside_word(k):
            return None  # "chính quyền Tổng thống X": the second syllable of a word, no "Quyền" (acting)
        if k > 0 and self.adjacent(k - 1) and self.toks[k - 1].is_word and not self._inside_word(k - 1):
            longer = lookup(self.words_from(k - 1))
            if longer is not None and longer[0] > 1:
                return None  # "tướng" inside "Thủ tướng" seen from its second word
        length, entry = found
        if entry.kind == "rank" and self._not_a_persons_rank(k, k + length):
            return None
        if entry.kind == "honorific" and first[0].isupper() and k > 0 and self.toks[k - 1].is_word \
                and self.adjacent(k - 1) and not (self.adjacent(k + length - 1) and k + length < len(self.toks)
                                                  and self.toks[k + length].text[:1].isupper()):
            return None  # "Trần Tuấn Anh cho biết": a capitalised honorific mid-sentence needs a name after it
        return entry, k, k + length

    def _not_a_persons_rank(self, k: int, after: int) -> bool:
        """The rank word at k ends another word ("Thủ tướng") or names a ship or a film role; the
        name after a ship's or a role's rank is kept, so that it is no person elsewhere either."""
        start = self.toks[k].start
        if inside_a_word(self.text, start, self.toks[k].text):
            return True
        if not names_a_thing(self.text, start) and not self._after_a_things_name(k):
            return False
        if after < len(self.toks) and self.adjacent(after - 1):
            run_end = self.title_run(after)
            if run_end > after:
                self.thing_names.append(tuple(t.text.casefold() for t in self.toks[after:run_end]))
        return True

    def _after_a_things_name(self, k: int) -> bool:
        """"tàu khu trục Đô đốc Essen và Đô đốc Grigorovich": after "và", a rank coordinated with a
        ship's name names a ship too."""
        if k < 2 or self.toks[k - 1].text != "và":
            return False
        for r in range(k - 3, max(-1, k - 8), -1):
            found = lookup(self.words_from(r))
            if found is not None and found[1].kind == "rank" and r + found[0] < k - 1:
                return names_a_thing(self.text, self.toks[r].start)
        return False

    def chain(self, i: int) -> tuple[list[TitleItem], int]:
        items: list[TitleItem] = []
        j = i
        while j < len(self.toks):
            found = self.element(j)
            if found is None:
                break
            entry, k0, k = found
            if entry.kind == "position":
                surface = self.text[self.toks[k0].start:self.toks[k - 1].end]
                item = TitleItem("position", position_case(" ".join(surface.split())), needs_org=entry.needs_org,
                                 start=self.toks[k0].start, end=self.toks[k - 1].end)
                org = None if not entry.takes_org else organization_after(
                    self.text, self.toks[k - 1].end, self.defs, item.value, self.organizations)
                owner = ""
                if org is None and entry.domain == "diplomatic":  # "Đại diện thường trực của Việt Nam tại …"
                    org, owner = diplomat_country(self, self.toks[k - 1].end), "của "
                if org is not None:
                    org = trim_organization(self, *org, k)
                if org is not None and given_name_not_unit(self, item.value, org):
                    org = None
                if org is not None:
                    item.org = ministry_of(item.value, org[2])
                    if item.org != org[2]:
                        item.field_as_written = org[2]
                    posting = posting_after(self, org[1]) if entry.domain == "diplomatic" else None
                    if posting is not None:  # "Đại sứ Việt Nam tại Mỹ"
                        item.org = f"{owner}{item.org} tại {posting[1]}"
                        org = (org[0], posting[0], item.org)
                    elif owner:  # "của Việt Nam" with no post after it is no part of the title
                        item.org = org = None
                    parent = bracketed_parent(self, org[1]) if org is not None else None
                    if parent is not None:  # "Trưởng Phòng cảnh sát hình sự (PC45, Công an tỉnh Hưng Yên)"
                        item.org = f"{item.org} {parent[1]}"
                        org = (org[0], parent[0], item.org)
                if org is not None:
                    k = self.index_at(org[1], k)
                    item.end = org[1]
                item.value = position_case(expand(item.value, self.defs))  # "HLV" → "Huấn luyện viên"
                if k0 > 0 and self.toks[k0 - 1].text.casefold() in FORMER_WORDS and self.adjacent(k0 - 1):
                    item.value = f"{self.toks[k0 - 1].text.casefold()} {item.value}"  # "nguyên Tổng Bí thư"
                    item.start = self.toks[k0 - 1].start
                items.append(item)
            elif entry.kind == "rank":
                items.append(TitleItem("rank", entry.value, start=self.toks[k0].start, end=self.toks[k - 1].end))
            else:  # the whole cue ("giám khảo"), which tells whether one word can be a name
                items.append(TitleItem(entry.kind, " ".join(t.text for t in self.toks[k0:k])))
            j = k
            # "Ủy viên Bộ Chính trị, Bộ trưởng ...", "PGS. TS", "Đại tá, TS"
            if j + 1 < len(self.toks) and self.toks[j].text in (",", "-", "–", ".") \
                    and self.element(j + 1) is not None:
                j += 1
        share_organizations(items)
        return items, j

    def branch_length(self, i: int) -> int:
        """Tokens of a service branch at i ("Không quân", "Hải quân"), as after a rank; else 0."""
        words = [w.casefold() for w in self.words_from(i, limit=5)]
        for branch in service_branches():
            if words[:len(branch)] == list(branch):
                return len(branch)
        return 0

    # -- names
    def name_at(self, i: int, triggered: bool) -> tuple[int, int, int] | None:
        """(first word index, index after the name, index where the run started) or None."""
        if triggered and self.last_kind == "rank":
            i += self.branch_length(i)  # "Trung tướng Không quân Mỹ Jeffrey Harrigian"
        j = self.title_run(i)
        if j == i:
            return None
        if j - i == 1 and triggered and self.last_kind in _GIVEN_NAME_CUES - {"team_role"} \
                and self._closing_given_name(j):
            j += 1
        words = [t.text for t in self.toks[i:j]]
        split = name_start_in_run(words, after_trigger=triggered)
        if split is None:
            return None
        name = words[split:]
        if len(name) > 5 or (not triggered and split == 0 and len(name) < 3 and not is_foreign(name)):
            return None
        half = len(name) // 2
        if not is_name_word(name[0]) or starts_with_non_name(name) or (len(name) % 2 == 0 and name[:half] == name[half:]):
            return None
        if (name[-1] in ("Văn", "Thị") and (len(name) < 3 or name[-2] in ("Văn", "Thị"))) or (len(name[-1]) == 1 and (is_foreign(name) or not name[-1].isascii())):
            return None  # cut short: "Nguyễn Văn", "George W." (the initial's dot ends the run)
        if triggered and len(name) == 2 and not is_surname(name[0]) and not is_foreign(name) \
                and self.last_kind == "position":
            return None  # "Chủ tịch Ngoại Thương": after a bare position, two words are a place or unit
        # "Chủ tịch Ngoại Thương", "Hà Nội Tuấn": a place inside the run; but after a person's role or
        # an honorific a two-word given name may hold a country's word ("tiền đạo Đức Chinh", "ca sĩ Mỹ Linh")
        given_name = triggered and len(name) == 2 and self.last_kind in _GIVEN_NAME_CUES
        if is_place(name) or (len(name) > 1 and not is_surname(name[0]) and not given_name
                               and (is_place(name[:-1]) or is_place(name[1:]))):
            return None
        return i + split, j, i

    def scan(self, out: list[Candidate]) -> None:
        i, n = 0, len(self.toks)
        while i < n:
            tok = self.toks[i]
            if not tok.is_word:
                i += 1
                continue
            # most words start no title: their chain is empty
            items, j = self.chain(i) if self._may_start_title[i] else ([], i)
            self.last_kind = items[-1].kind if items else None
            if items and items[-1].kind == "position" and not items[-1].needs_org:
                self.last_kind = "complete position"  # "giám khảo", "Tổng Bí thư": no organization follows
            elif items and items[-1].kind == "position" and items[-1].value.casefold() in one_word_name_cues():
                self.last_kind = "person's role"  # "HLV Hữu Thắng": two words after it are a name, not a unit
            if items:
                if items[-1].kind != "rank" and j < n and self.toks[j - 1].end + 1 == self.toks[j].start:
                    j += self._cue_modifier_at(j)  # "HLV lão làng Lê Thụy Hải"
                found = self.name_at(j, triggered=True) if j < n and self.toks[j - 1].end + 1 == self.toks[j].start else None
                if found is None and items[-1].kind == "position" and items[-1].org and j + 1 < n \
                        and self.toks[j].text.casefold() in context_words("admin") and self.adjacent(j):
                    found = self.name_at(j + 1, triggered=True)  # "Chủ tịch UBND TP Nguyễn Đức Chung"
                    found = found if found is not None and found[0] == j + 1 else None
                if found is None and items[-1].kind == "position":
                    found = named_by_la(self, i, j)  # "Bí thư Tỉnh ủy là ông Phạm Duy Cường"
                if found is None and items[-1].kind in _LIST_ROLES:
                    spans, resume = names_listed_after(self, j)  # "hai thí sinh khác là A và B"
                    for first, after in spans:
                        out.append(Candidate(self.toks[first].start, self.toks[after - 1].end,
                                             [t.text for t in self.toks[first:after]], True, cue=items[-1].kind,
                                             cue_text=items[-1].value))
                    j = resume
                if found is None:
                    i = max(j, i + 1)
                    continue
                first, after, run_start = found
                if first > run_start and items[-1].kind == "position":
                    extra = self.text[self.toks[run_start].start:self.toks[first - 1].end]
                    last = items[-1]
                    last.org = expand(f"{last.org} {extra}" if last.org else extra, self.defs)
                    last.end = self.toks[first - 1].end
                cand = self._candidate(first, after, True, items)
                cand.cue, cand.cue_text = items[-1].kind, items[-1].value
            elif not self._title_case[i]:
                i += 1  # no name starts with a lower-case word
                continue
            else:
                found = self.name_at(i, triggered=False)
                if found is None or not self._plausible_untriggered(*found):
                    # skip the capitalised run, but not from "Theo": "Theo Thượng úy X" has a rank next
                    nxt = self.title_run(i) if is_name_word(tok.text) else i + 1  # (tok is Title-case here)
                    i = nxt if nxt > i else i + 1
                    continue
                first, after, _ = found
                cand = self._candidate(first, after, False, [])
            i = self._appositions(after, cand)
            out.append(cand)
            if cand.triggered and i == after:
                i = coordinated_names(self, after, cand, out)

    def _plausible_untriggered(self, first: int, after: int, run_start: int) -> bool:
        words = [t.text for t in self.toks[first:after]]
        # "Lionel Messi vẫn chưa ký": a foreign name is known by its given name (foreign_given_names.txt)
        foreign_named = is_foreign(words) and 2 <= len(words) <= 4 and first == run_start \
            and words[0] in foreign_given_names() and not any(is_place([w]) for w in words[1:])
        if not foreign_named and (is_foreign(words) or not is_surname(words[0]) or len(words) < 3):
            return False
        prev = self.toks[first - 1] if first > 0 else None
        before_two = " ".join(t.text.casefold() for t in self.toks[max(0, first - 2):first])  # "cửa hàng"
        if prev is not None and (((prev.text.casefold() in context_words("not_person_before")
                                   or before_two in context_words("not_person_before"))
                                  and not self._ends_a_compound(first - 1))
                                 or (prev.is_word and prev.text.isupper() and len(prev.text) > 1)):
            return False
        if self.np_starts is not None and not any(t.start in self.np_starts for t in self.toks[first:after]):
            return False
        start = self.toks[first].start
        return not CREDIT_RE.search(self.text[max(0, start - 20):start])

    def _cue_modifier_at(self, j: int) -> int:
        """Tokens of a modifier of resources/cue_modifiers.txt at j when a name follows it, else 0."""
        words = [w.casefold() for w in self.words_from(j, limit=3)]
        for modifier in cue_modifiers():
            n = len(modifier)
            if tuple(words[:n]) == modifier and j + n < len(self.toks) and self.adjacent(j + n - 1) \
                    and self.toks[j + n].text[:1].isupper():
                return n
        return 0

    def _ends_a_compound(self, k: int) -> bool:
        """Word k closes a modifier of cue_modifiers.txt: "làng" of "lão làng" (a veteran) is not the
        village of "làng Lê Văn Hải"."""
        return k > 0 and self.adjacent(k - 1) and self.toks[k - 1].is_word \
            and (self.toks[k - 1].text.casefold(), self.toks[k].text.casefold()) in cue_modifiers()

    def _candidate(self, first: int, after: int, triggered: bool, items: list[TitleItem]) -> Candidate:
        cand = Candidate(self.toks[first].start, self.toks[after - 1].end,
                          [t.text for t in self.toks[first:after]], triggered)
        apply_items(cand, items, foreign=is_foreign(cand.words))
        return cand

    def _appositions(self, i: int, cand: Candidate) -> int:
        """Read ", Position Org, Position Org" after a name; return the index to resume at."""
        collected: list[TitleItem] = []
        n = len(self.toks)
        appointed = appointed_posts(self, i) if i < n and i > 0 and self.adjacent(i - 1) else None
        if appointed is not None:  # "ông X giữ chức Phó bí thư Tỉnh ủy Y"
            collected.extend(appointed[0])
            i = appointed[1]
        while i + 1 < n and self.toks[i].text in _SEPARATORS:
            items, j = self.chain(i + 1)
            if not items or not any(it.kind in ("position", "rank") for it in items):
                break
            # A chain followed by a name belongs to that next person ("..., Thiếu tướng Lê Văn B")
            if j < n and self.toks[j - 1].end + 1 == self.toks[j].start and self.name_at(j, True):
                break
            collected.extend(items)
            i = j
            if i < n and self.toks[i].text == ")":
                i += 1
                break
        share_organizations(collected)
        apply_items(cand, collected, foreign=is_foreign(cand.words))
        return i
