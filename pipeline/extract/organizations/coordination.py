"""Coordinated organization names: one head or one place shared by several organizations.

- After a plural word, "Bộ" or "Sở" governs every ministry's name listed after it: "các Sở Tư pháp, Tài chính, Xây
  dựng tỉnh Quảng Nam" is three departments, "Sở Tư pháp tỉnh Quảng Nam", "Sở Tài chính tỉnh Quảng
  Nam" and "Sở Xây dựng tỉnh Quảng Nam". Each listed name is a mention of its own (its span is the
  name as written, "Tài chính"); the place written after the last one belongs to all. A listed "X
  và Y" stays one name when it is a ministry's ("các Sở Tài chính, Kế hoạch và Đầu tư"); a listed word
  that names no ministry means there is no list ("các Sở Y tế, Lãnh đạo một số địa phương").
- Without a plural word, organizations of the same head listed with a closing "và" share the place
  written after the last one with its administrative word: "Sở Y tế và Sở Giáo dục tỉnh Bình Dương"
  is "Sở Y tế tỉnh Bình Dương" and "Sở Giáo dục tỉnh Bình Dương". Only when none of the earlier ones
  names its own place or a parent; never a country ("Bệnh viện Việt Đức").
- A country's organs of state listed together share the country written after the last one: "Quốc hội
  và Chính phủ Hoa Kỳ" is "Quốc hội Hoa Kỳ" and "Chính phủ Hoa Kỳ" (resources/national_organs.txt);
  so do a province's organs its place: "Tỉnh ủy, HĐND, UBND tỉnh Quảng Nam" is "Tỉnh ủy Quảng Nam",
  "Hội đồng nhân dân tỉnh Quảng Nam" and "Ủy ban nhân dân tỉnh Quảng Nam" (resources/local_organs.txt).
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pipeline.core.normal_form import is_vietnamese_syllable, normalize_text
from pipeline.core.resource_files import read_list, read_table
from pipeline.extract.gazetteer import ADMINISTRATIVE_WORDS, is_country
from pipeline.extract.organizations.lexicon import known_organizations
from pipeline.extract.organizations.parser import PLURAL_WORDS, OrgNode, OrgScanner
from pipeline.text.lexical import ABBR, CAP, LOWER, adjacent, phrase_key

_SEPARATORS = (",", "và")
# Heads whose listed names are checked against the ministries' names (a department mirrors its ministry)
LISTING_HEADS = frozenset({"Bộ", "Sở"})
_ADMIN_PREFIXES = tuple(f"{word} " for word in ADMINISTRATIVE_WORDS)
MAX_LISTED = 8  # names after one head; a longer run is a sentence, not a list


def coordinate(tops: list[OrgNode], scanner: OrgScanner) -> list[OrgNode]:
    """`tops` with the listed organizations split or added and shared places filled in (in place);
    new nodes for listed names are appended, in text order with the rest."""
    added: list[OrgNode] = []
    for node in tops:
        if _after_plural(node, scanner):
            added.extend(_listed_after_head(node, scanner))
    if added:  # a listed name read alone ("Công an" of "các Bộ Quốc phòng, Công an") is that name now
        tops = [t for t in tops if not any(a.first <= t.first and t.last <= a.last for a in added)]
    _share_places(sorted([*tops, *added], key=lambda n: n.first), scanner)
    _share_country(sorted([*tops, *added], key=lambda n: n.first), scanner)
    _share_local_place(sorted([*tops, *added], key=lambda n: n.first), scanner)
    return sorted([*tops, *added], key=lambda n: (n.first, -n.last))


def _after_plural(node: OrgNode, scanner: OrgScanner) -> bool:
    toks = scanner.tokens
    head = scanner.head_at(node.first) if node.first > 0 else None
    return (not node.bare and type(node) is OrgNode and head is not None and head[1].canonical in LISTING_HEADS
            and toks[node.first - 1].text.lower() in PLURAL_WORDS)


def _is_ministry_name(head: str, name: str) -> bool:
    """"Kế hoạch và Đầu tư" names a ministry, and so the department that mirrors it."""
    exact, folded, _ = known_organizations()
    key = tuple(normalize_text(f"Bộ {name}").lower().split())
    return key in folded or tuple(normalize_text(f"{head} {name}").lower().split()) in folded


def _listed_after_head(node: OrgNode, scanner: OrgScanner) -> list[OrgNode]:
    """Split "các Sở Tư pháp, Tài chính và Xây dựng tỉnh X" (read as one name) into its departments,
    and read the names listed after "các Sở Tư pháp, …" (where the name stopped at the comma)."""
    toks = scanner.tokens
    n_head, head = scanner.head_at(node.first)
    if node.head_end <= node.first:  # a known name ("Bộ Công an"): its head, then its name
        node.head_end = node.first + n_head
        node.children = [(node.last, " ".join(t.text for t in toks[node.head_end:node.last]))]
    items: list[tuple[int, int]] = []  # token spans of the listed names, the node's own first
    start = node.head_end
    for end, piece in node.children:
        if node.place is not None and end > node.place_first:
            break
        if isinstance(piece, str) and piece in _SEPARATORS:
            items.append((start, end - 1))
            start = end
    items.append((start, node.place_first if node.place is not None else node.last))
    place, place_end = node.place, node.last  # a place read inside the node ends the list
    k = node.last
    while place is None and len(items) < MAX_LISTED:  # ", Tài chính, Xây dựng tỉnh Quảng Nam"
        listed = _listed_name(k, scanner, head.canonical)
        if listed is None:
            break
        items.append((k + 1, listed))
        k = listed
        found = scanner.place_piece(k)
        if found is not None:
            place_end, place = found
    items = _join_ministry_names(head.canonical, items, toks)
    names = [_name_of(head.canonical, first, last, scanner) for first, last in items]
    kept = 1  # the list ends before a name that is no ministry's ("các Sở Y tế, Lãnh đạo một số địa phương")
    while kept < len(items) and _is_ministry_name(head.canonical, names[kept]):
        kept += 1
    if kept < len(items):
        items, place = items[:kept], None  # a place after a cut list is not known to be shared
    if len(items) < 2:
        return []
    listed_nodes = []
    for n, (first, last) in enumerate(items):
        pieces = [_name_of(head.canonical, first, last, scanner)] + ([place] if place else [])
        children = [(last, p) for p in pieces]
        if n == 0:  # the node itself: its span is its own name
            node.head, node.parts, node.children, node.last, node.place = head.canonical, pieces, children, last, place
            continue
        span_last = place_end if n == len(items) - 1 and place else last  # the place is part of the last name
        listed_nodes.append(OrgNode(first, span_last, head.canonical, parts=pieces, head_end=first,
                                    children=children, place=place))
    return listed_nodes


def _listed_name(k: int, scanner: OrgScanner, list_head: str) -> int | None:
    """End token of a name listed after the separator at k (", Tài chính"), or None."""
    toks, text = scanner.tokens, scanner.text
    if not (k + 1 < len(toks) and toks[k].text in _SEPARATORS and adjacent(text, toks[k - 1], toks[k])
            and toks[k + 1].kind in (CAP, ABBR) and adjacent(text, toks[k], toks[k + 1])
            and scanner.place_piece(k + 1) is None):
        return None
    if toks[k + 1].kind == ABBR:  # ", NN&PTNT,"
        return k + 2
    j = k + 1
    while j < len(toks) and adjacent(text, toks[j - 1], toks[j]) and scanner.place_piece(j) is None:
        if toks[j].kind == CAP and is_vietnamese_syllable(toks[j].text):
            j += scanner.word_at(j)
        elif toks[j].kind == LOWER and scanner.free_at(j):
            j += scanner.free_at(j)
        elif toks[j].text in ("-", "–") and j > k + 1 and j + 1 < len(toks) and toks[j + 1].kind == CAP:
            j += 1  # "Tài nguyên - Môi trường"
        else:
            break
    if j < len(toks) and adjacent(text, toks[j - 1], toks[j]) and toks[j].kind == CAP and scanner.place_piece(j) is None:
        return None  # "Deloitte Việt Nam", a name that is no ministry's
    if scanner.head_at(k + 1) is not None and not _is_ministry_name(list_head, " ".join(t.text for t in toks[k + 1:j])):
        return None  # "Bộ chỉ huy quân sự": an organization of its own ends the list; "Công an" goes on
    return j if j > k + 1 else None


def _name_of(head: str, first: int, last: int, scanner: OrgScanner) -> str:
    """The listed name as written, an abbreviation expanded by the document or by the ministry it
    stands for ("NN&PTNT" → "Nông nghiệp và Phát triển nông thôn")."""
    toks = scanner.tokens
    words = " ".join(t.text for t in toks[first:last])
    if last - first == 1 and toks[first].kind == ABBR:
        exact, _, _ = known_organizations()
        for prefix in (head, "Bộ"):
            hit = exact.get(phrase_key(f"{prefix} {words}"))
            if hit and hit[0].startswith(prefix + " "):
                return hit[0][len(prefix) + 1:]
        return scanner.expand(words)
    return words


def _join_ministry_names(head: str, items: list[tuple[int, int]], toks) -> list[tuple[int, int]]:
    """Rejoin "Kế hoạch" + "Đầu tư" split at "và" when together they name a ministry."""
    joined: list[tuple[int, int]] = []
    for first, last in items:
        if joined and toks[first - 1].text == "và":
            prev_first, _ = joined[-1]
            name = " ".join(t.text for t in toks[prev_first:last])
            if _is_ministry_name(head, name):
                joined[-1] = (prev_first, last)
                continue
        joined.append((first, last))
    return joined


def _listed_before(nodes: list[OrgNode], n: int, toks) -> Iterator[OrgNode]:
    """The nodes listed right before nodes[n], nearest first, each joined to the next by one ", " or
    "và" ("Tỉnh ủy, HĐND, UBND tỉnh X" from "UBND tỉnh X": "HĐND", then "Tỉnh ủy")."""
    for m in range(n - 1, -1, -1):
        between = toks[nodes[m].last:nodes[m + 1].first]
        if type(nodes[m]) is not OrgNode or len(between) != 1 or between[0].text not in _SEPARATORS:
            return
        yield nodes[m]


def _share_places(nodes: list[OrgNode], scanner: OrgScanner) -> None:
    """"Sở Y tế và Sở Giáo dục tỉnh Bình Dương": earlier names of the same head take the place."""
    toks = scanner.tokens
    for n in range(len(nodes) - 1, 0, -1):
        last = nodes[n]
        if last.place is None or last.bare or not last.place.startswith(_ADMIN_PREFIXES) \
                or toks[last.first - 1].text != "và":  # "Viện X, Viện Hàn lâm … Việt Nam": a parent, no list
            continue
        for prev in _listed_before(nodes, n, toks):
            if prev.bare or prev.head != last.head or prev.place is not None \
                    or any(isinstance(p, OrgNode) for p in prev.parts):
                break
            prev.parts = [*prev.parts, last.place]
            prev.place = last.place


@lru_cache(maxsize=1)
def national_organs() -> frozenset[str]:
    """A country's organs of state ("Quốc hội", "Chính phủ"): resources/national_organs.txt."""
    return frozenset(read_list("national_organs.txt"))


def _country_of(node: OrgNode) -> str | None:
    """The country a name ends with ("Chính phủ Hoa Kỳ" -> "Hoa Kỳ"), if it is one."""
    last = node.place or (node.parts[-1] if node.parts and isinstance(node.parts[-1], str) else None)
    return last if last is not None and is_country(last) else None


def _share_country(nodes: list[OrgNode], scanner: OrgScanner) -> None:
    """"Quốc hội và Chính phủ Hoa Kỳ": the organs before the last one take its country."""
    toks = scanner.tokens
    organs = national_organs()
    for n in range(len(nodes) - 1, 0, -1):
        last = nodes[n]
        country = _country_of(last) if last.head in organs else None
        if country is None or toks[last.first - 1].text != "và":
            continue
        for prev in _listed_before(nodes, n, toks):
            if prev.head not in organs or prev.parts or prev.place is not None:
                break
            prev.parts, prev.place, prev.bare = [country], country, False


@lru_cache(maxsize=1)
def _local_organs() -> dict[str, str]:
    """Head -> "admin" (the place keeps its administrative word) or "name" ("Tỉnh ủy Quảng Nam")."""
    return dict(read_table("local_organs.txt"))


def _share_local_place(nodes: list[OrgNode], scanner: OrgScanner) -> None:
    """"Tỉnh ủy, HĐND, UBND tỉnh Quảng Nam": the bare organs before the last one take its place."""
    toks = scanner.tokens
    organs = _local_organs()
    for n in range(len(nodes) - 1, 0, -1):
        last = nodes[n]
        prefix = next((p for p in _ADMIN_PREFIXES if last.place and last.place.startswith(p)), None)
        if last.head not in organs or prefix is None:
            continue
        name = last.place[len(prefix):]  # "Quảng Nam" of "tỉnh Quảng Nam"
        for prev in _listed_before(nodes, n, toks):
            if prev.head not in organs or not prev.bare or prev.parts:
                break
            place = last.place if organs[prev.head] == "admin" or name.isdigit() else name  # "Quận ủy quận 1"
            prev.parts, prev.place, prev.bare = [place], last.place, False
