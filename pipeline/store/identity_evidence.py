"""What a person appearance's rank and titles say about who the person is, for
`pipeline.store.identities`: the rank's seniority, the provinces and sectors its current titles
name, and whether a title is a bare post.

- provinces: "Giám đốc Sở Xây dựng tỉnh Long An" → Long An; a district or city after its
  administrative word counts for its province ("Viện trưởng Viện Kiểm sát nhân dân thị xã Thuận
  An" → Bình Dương; "Châu Thành", a name several provinces share, counts for none); the longest
  place name wins ("châu Á - Thái Bình Dương" is neither Thái Bình nor Bình Dương);
- sectors (`resources/identity_sectors.tsv`): "Trưởng Công an quận 2" → police, "Thứ trưởng Bộ Tài
  chính" → administration, "Tư lệnh Cảnh sát biển" → military, "Huấn luyện viên" → sport;
- a former post ("nguyên Giám đốc …", "cựu …") says nothing of the present;
- a bare post ("Huấn luyện viên", "Phó Giám đốc") names no organization: many hold it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.resource_files import read_table
from pipeline.extract.people.candidates import is_former
from pipeline.text.lexical import phrase_alternation

ADMIN_WORDS = ("huyện", "quận", "thị xã", "thành phố", "tp", "tp.", "thị trấn")


@lru_cache(maxsize=1)
def rank_orders() -> dict[str, int]:
    return {r[0]: int(r[2]) for r in read_table("rank_order.tsv", header=True, width=4) if r[2]}


@lru_cache(maxsize=1)
def sector_table() -> tuple[dict[str, set[str]], dict[str, frozenset[str]]]:
    """(folded word → its sectors, sector → sectors it conflicts with, made symmetric)."""
    words: dict[str, set[str]] = {}
    conflicts: dict[str, set[str]] = {}
    for sector, against, listed in read_table("identity_sectors.tsv", header=True, width=3):
        conflicts.setdefault(sector, set()).update(a for a in against.split(",") if a)
        for other in (a for a in against.split(",") if a):
            conflicts.setdefault(other, set()).add(sector)
        for w in filter(None, listed.split("|")):
            words.setdefault(w.casefold(), set()).add(sector)
    return words, {s: frozenset(c) for s, c in conflicts.items()}


@lru_cache(maxsize=1)
def place_names() -> dict[str, str | None]:
    """Folded place name → its province, None for a place of no province: the 63 provinces and
    their aliases (a unit of the 2025 map with one predecessor counts for it: "Huế" is Thừa Thiên
    Huế), districts and cities as "district:<name>" keys (a name two provinces share, "Châu
    Thành", is left out), and every other place (seas, regions: "châu Á - Thái Bình Dương" is not
    Thái Bình) so that the longest name wins."""
    rows = read_table("places_vn.tsv", header=True, width=7)
    names: dict[str, str | None] = {}
    successors: dict[str, list[str]] = {}
    for name, kind, _parent, merged_into, sets, aliases, _bare in rows:
        if kind in ("province", "municipality") and "63" in sets:
            for alias in [name, *filter(None, aliases.split("|"))]:
                names[alias.casefold()] = name
            successors.setdefault(merged_into, []).append(name)
    for name, kind, _parent, _merged, sets, aliases, _bare in rows:
        if kind in ("province", "municipality") and "63" not in sets and len(successors.get(name, [])) == 1:
            for alias in [name, *filter(None, aliases.split("|"))]:
                names.setdefault(alias.casefold(), successors[name][0])
    districts: dict[str, set[str]] = {}
    for name, kind, parent, _merged, _sets, aliases, _bare in rows:
        province = names.get(parent.casefold())
        if kind in ("city", "town", "urban_district", "rural_district") and province:
            districts.setdefault(name.casefold(), set()).add(province)
        elif kind not in ("province", "municipality"):
            for alias in [name, *filter(None, aliases.split("|"))]:
                names.setdefault(alias.casefold(), None)
    names.update({f"district:{d}": next(iter(p)) for d, p in districts.items() if len(p) == 1})
    return names


def title_provinces(folded: str) -> set[str]:
    """Provinces a (case-folded) title names, longest place name first, left to right; a district
    or city counts only after its administrative word ("thị xã Thuận An")."""
    places = place_names()
    words = re.sub(r"[,;()\"]", " ", folded).split()
    found, i = set(), 0
    while i < len(words):
        for n in range(min(6, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            after_admin = i > 0 and (words[i - 1] in ADMIN_WORDS or " ".join(words[max(0, i - 2):i]) in ADMIN_WORDS)
            if after_admin and f"district:{phrase}" in places:
                found.add(places[f"district:{phrase}"])
            elif phrase in places:
                if places[phrase]:
                    found.add(places[phrase])
            else:
                continue
            i += n
            break
        else:
            i += 1
    return found


@lru_cache(maxsize=1)
def _public_cue_reversed_re() -> re.Pattern[str]:
    r"""The cues spelled backwards, so that the cue that ends a text is matched at the start of the
    reversed text instead of searched for at every position of it (9 µs a call, ~0.1 s per 2,000
    articles in the run's serial tail): `(?<!\w)cue\.?\s*$` becomes `\s*\.?eu c(?!\w)`."""
    reversed_cues = sorted({" ".join(word[::-1] for word in reversed(row[0].split()))
                            for row in read_table("identity_public_cues.txt")}, key=lambda c: (-len(c), c))
    alternation = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in reversed_cues)
    return re.compile(rf"\s*\.?(?:{alternation})(?!\w)", re.IGNORECASE)


def is_public_figure(before_name: str) -> bool:
    """The words before a name introduce a public figure ("TS.", "Luật sư", "ca sĩ")."""
    return _public_cue_reversed_re().match(before_name[::-1]) is not None


@lru_cache(maxsize=65536)
def place_provinces(place: str) -> frozenset[str]:
    """The provinces a place mention names ("TP Quảng Ngãi", "Bình Dương"; "Việt Nam": none)."""
    return frozenset(title_provinces(place.casefold()))


@lru_cache(maxsize=65536)
def title_evidence(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """(provinces, sectors) a current title names; a former post gives nothing."""
    folded = title.casefold()
    if is_former(title):
        return frozenset(), frozenset()
    sector_words, _ = sector_table()
    words = re.sub(r"[,;()\"]", " ", folded).split()
    sectors = {sector for i in range(len(words)) for n in range(1, 6)
               for sector in sector_words.get(" ".join(words[i:i + n]), ())}
    # "cảnh sát biển" (army) wins over its "cảnh sát" (police)
    if "cảnh sát biển" in folded and "cảnh sát" not in folded.replace("cảnh sát biển", ""):
        sectors.discard("police")
    return frozenset(title_provinces(folded)), frozenset(sectors)


@lru_cache(maxsize=1)
def position_words() -> frozenset[str]:
    return frozenset(r[0].casefold() for r in read_table("positions.tsv", width=3))


def is_bare_position(folded_title: str) -> bool:
    """"huấn luyện viên", "phó giám đốc": a post without its organization, which many hold."""
    words = folded_title.split()
    while words and words[0] in ("phó", "quyền", "tân"):
        words = words[1:]
    return " ".join(words) in position_words()
