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
National sport teams ("U23 Việt Nam", "đội tuyển Thái Lan") come from teams.py.

A bare head ("Tổng cục", "Đảng ủy", "Bộ" followed by no name) stands for the document's one full
organization with that head, when there is exactly one ("Đảng ủy Tổng cục" → "Đảng ủy Tổng cục Công
nghiệp quốc phòng"); otherwise it is dropped. Nested organizations are reported too.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache


from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Abbreviation, Document, Mention
from pipeline.extract.abbreviations.detector import definitions_of
from pipeline.extract.abbreviations.unit_codes import code_re
from pipeline.extract.gazetteer import scan_places
from pipeline.extract.organizations.coordination import coordinate, national_organs
from pipeline.extract.organizations.foreign_names import foreign_names, is_known
from pipeline.extract.organizations.lexicon import head_names, known_organizations, own_organization_names
from pipeline.extract.organizations.parser import MAX_DEPTH, PLURAL_WORDS, OrgNode, OrgScanner
from pipeline.extract.organizations.short_forms import complete_short_forms
from pipeline.extract.organizations.teams import sport_teams
from pipeline.extract.stage import Stage, labels_set, replace_mentions
from pipeline.extract.written_names import prefer_written_names
from pipeline.text.lexical import PUNCT, Syllable, phrase_key, syllables_of


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
        if key.lower() in head_names():
            return head_names()[key.lower()]
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


@dataclass(slots=True)
class CreditNode(OrgNode):
    """An outlet named in a dateline or credit, with the characters of its own name: "AFP/TTXVN" is
    one token, but "AFP" and "TTXVN" are two organizations with a span each."""

    start: int = 0
    end: int = 0


def _datelines(text: str, scanner: OrgScanner) -> list[CreditNode]:
    """News outlet in a dateline ("CNQP&KT- …", "(QĐND) - …") or a source note "(Theo Dân trí)"."""
    exact, _, _ = known_organizations()
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
    nodes: list[CreditNode] = []
    for start, name in found:
        hit = exact.get(phrase_key(name))
        if hit and hit[1] == "outlet" and not any(n.head == hit[0] and n.start == start for n in nodes):
            # the token holding the name ("PV/VOV.VN" is one token): a credit may end the text
            first = next((k for k, t in enumerate(scanner.tokens) if t.end > start), None)
            if first is None:
                continue
            last = next((k for k, t in enumerate(scanner.tokens) if t.start >= start + len(name)), len(scanner.tokens))
            nodes.append(CreditNode(first, max(last, first + 1), hit[0], start=start, end=start + len(name)))
    return nodes


_CREDIT_RE = re.compile(r"(?<![\w])(?:Ảnh|Nguồn|Theo|theo báo|Video|Clip)\s*:?\s*(?P<names>[^\n()]{2,60})")


def _outlet_prefix(piece: str, pos: int) -> list[tuple[int, str]]:
    """The longest known outlet name that `piece` starts with (1–3 words), as (start, name)."""
    exact, _, _ = known_organizations()
    words = piece.split(" ")
    for n in (3, 2, 1):
        name = " ".join(words[:n]).rstrip(".")
        hit = exact.get(phrase_key(name)) if len(words) >= n and name else None
        if hit and hit[1] == "outlet":
            return [(pos, name)]
    return []


def _analyse(text: str, definitions: Mapping[str, str] | None, syllables: tuple[Syllable, ...],
             max_depth: int, learned: frozenset[tuple[str, ...]] | None = None
             ) -> tuple[list[Mention], list[OrgNode], OrgScanner]:
    scanner = OrgScanner(text, definitions, syllables, max_depth, learned)
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
    tops = coordinate(tops, scanner)
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
            if (node.bare or (node.head in national_organs() and not node.parts)) and node.first > 0 \
                    and toks[node.first - 1].text.lower() in PLURAL_WORDS:
                continue  # "các Bộ", "những Sở", "hai Chính phủ": several organizations, not the document's one
            if name:
                if isinstance(node, CreditNode):
                    start, end = node.start, node.end
                else:
                    start, end = toks[node.first].start, toks[node.last - 1].end
                mentions.append(Mention(start, end, text[start:end], "ORG", _collapse_repeats(normalize_text(name))))
    mentions = _organs_of_vietnam(_with_foreign_names(text, mentions))
    mentions += [t for t in sport_teams(text) if not any(m.start < t.end and t.start < m.end for m in mentions)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions, tops, scanner


def _organs_of_vietnam(mentions: list[Mention]) -> list[Mention]:
    """"Chủ tịch Quốc hội Nguyễn Thị Kim Ngân" in a report that writes "Quốc hội Việt Nam": the bare
    organ is Vietnam's, as the Vietnamese press means it."""
    named = {m.canonical for m in mentions if m.canonical.endswith(" Việt Nam")}
    return [replace(m, canonical=f"{m.canonical} Việt Nam")
            if m.canonical in national_organs() and f"{m.canonical} Việt Nam" in named else m for m in mentions]


def _with_foreign_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add the foreign names after a description ("tờ Daily Record"); a mention that took the
    description in ("báo Süddeutsche Zeitung" read from the head "Báo") gives way to the name."""
    for found in foreign_names(text):
        overlapping = [m for m in mentions if m.start < found.end and found.start < m.end]
        if overlapping and is_known(found):
            continue  # "báo Infonet": a well-known name as the stage read it
        mentions = [m for m in mentions if not (m.start < found.start and m.end == found.end
                                                and text[m.start:found.start].islower())]
        if not any(m.start < found.end and found.start < m.end for m in mentions):
            mentions.append(found)
    return mentions


def find_organizations(text: str, definitions: Mapping[str, str] | None = None,
                       syllables: tuple[Syllable, ...] | None = None, max_depth: int = MAX_DEPTH,
                       learned: frozenset[tuple[str, ...]] | None = None) -> list[Mention]:
    """ORG mentions (nested ones included, one per span and name) with canonical names, abbreviations
    expanded. `syllables`: the text's lexical layer, when the caller has it. `learned`: official
    names with a lower-case ending (default: resources/organizations_learned.tsv)."""
    syllables = syllables_of(text) if syllables is None else syllables
    mentions = _analyse(text, definitions, syllables, max_depth, learned)[0]
    return list({(m.start, m.end, m.canonical): m for m in mentions}.values())


def named_by_definition(text: str, mentions: Sequence[Mention], abbreviations: Sequence[Abbreviation]) -> list[Mention]:
    """"Quân giải phóng nhân dân (PLA)": an organization whose short form the document defines is
    named by the document's long form, as the guidelines ask ("the one the document gives"), not by
    the lexicon's ("Quân Giải phóng Nhân dân Trung Quốc"); the long form before the brackets is a
    mention of it too, even with lower-case words no rule reads as a name. A long form in lower case
    is no name: "ban tổ chức (BTC)" is no "Bộ Tài chính"."""
    out = list(mentions)
    for a in abbreviations:
        if not (a.defined and a.long) or not any(m.text == a.short for m in out):
            continue  # the short form names no organization here ("Công nghiệp quốc phòng (CNQP)")
        if not a.long[:1].isupper():
            out = [m for m in out if m.text != a.short]
            continue
        out = [replace(m, canonical=a.long) if m.text == a.short and m.canonical.casefold() != a.long.casefold()
               else m for m in out]
        start = text.find(f"{a.long} ({a.short}")
        end = start + len(a.long)
        if start < 0 or any(m.start <= start and end <= m.end for m in out):
            continue
        out = [m for m in out if not (start <= m.start and m.end <= end)]  # a name inside it gives way
        out.append(Mention(start, end, a.long, "ORG", a.long))
    return sorted(out, key=lambda m: (m.start, -m.end))


def unit_code_mentions(text: str, mentions: Sequence[Mention], definitions: Mapping[str, str]) -> list[Mention]:
    """`mentions` and the police and army unit codes written alone: "phối hợp giữa Công an quận Bình
    Thạnh, PC47, PC54" names two units ("Phòng Cảnh sát điều tra tội phạm về ma túy", "Phòng Kỹ thuật
    hình sự"), named by the document's definition of the code or the official name."""
    out = list(mentions)
    for m in code_re().finditer(text):
        long = definitions.get(m.group(0))
        if not long or _head_key(long) == long or any(o.start < m.end() and m.start() < o.end for o in out):
            continue  # no known unit ("khối A00"), or part of a name read already ("Phòng PC45 Công an …")
        out.append(Mention(m.start(), m.end(), m.group(0), "ORG", normalize_text(long)))
    return sorted(out, key=lambda m: (m.start, -m.end))


def organization_at(text: str, organizations: Sequence[Mention], start: int) -> Mention | None:
    """The longest of `organizations` beginning at `start` (after skipping spaces), e.g. after a
    position word: "Chính ủy Tổng cục CNQP" → the organization at the offset of "Tổng cục"."""
    while start < len(text) and text[start] == " ":
        start += 1
    best = None
    for m in organizations:
        if m.start == start and (best is None or m.end > best.end):
            best = m
    return best


def outermost_spans(mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """The spans of the mentions not inside another one, merged where they overlap, sorted."""
    spans: list[tuple[int, int]] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if spans and m.start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end))
        else:
            spans.append((m.start, m.end))
    return spans


class OrganizationsComponent(Stage):
    """Reads the text's syllables and the document's abbreviations; sets the ORG mentions."""

    factory = "vi_organizations"
    reads = ("syllables", "abbreviations")
    sets = ("mentions[ORG]",)
    settings = {"max_depth": MAX_DEPTH}

    def __init__(self, *, max_depth: int = MAX_DEPTH):
        self.max_depth = max_depth

    def process(self, record: Document) -> None:
        definitions = definitions_of(record.abbreviations)
        found = find_organizations(record.text, definitions or None, record.syllables or None, self.max_depth)
        found = unit_code_mentions(record.text, found, definitions)
        found = prefer_written_names(named_by_definition(record.text, found, record.abbreviations),
                                     own_organization_names())
        replace_mentions(record, labels_set(self.sets), complete_short_forms(found))
