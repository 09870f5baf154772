"""What the person scanner yields: candidates (a name with its rank and titles) and the title items
of the chain before a name, with the rules that assemble them into titles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class TitleItem:
    kind: str
    value: str
    org: str | None = None
    needs_org: bool = False
    start: int = -1  # the words that gave the item (rank words; a position with its organization)
    end: int = -1
    field_as_written: str | None = None  # "Quốc phòng" when the title reads "Bộ trưởng Bộ Quốc phòng"


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    words: list[str]
    triggered: bool
    rank: str | None = None
    titles: list[str] = field(default_factory=list)
    cue: str | None = None  # the kind of word right before the name: rank | position | honorific | profession
    cue_text: str | None = None  # that word: "HLV", "giám khảo", "Thượng tá"
    evidence: list[TitleItem] = field(default_factory=list)  # the rank and position items applied


# "nguyên Chủ tịch Quốc hội", "cựu Bộ trưởng": the word before a former post stays in the title, as
# written; "cố" (the late) marks one too
FORMER_WORDS = frozenset({"nguyên", "cựu"})
_FORMER_TITLE_WORDS = FORMER_WORDS | {"cố"}


def is_former(title: str) -> bool:
    """A post the person no longer holds: "nguyên Giám đốc Sở …", "cựu Bộ trưởng", "cố Tổng Bí thư"."""
    return title.split(" ", 1)[0].casefold() in _FORMER_TITLE_WORDS and " " in title


# A territorial party committee is named by its place alone: "Bí thư Tỉnh ủy Yên Bái".
_TERRITORIAL_COMMITTEE_RE = re.compile(r"(?:Tỉnh|Thành|Huyện|Quận|Thị) ủy$", re.IGNORECASE)
_PLACE_AT_END_RE = re.compile(r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã)\s+(\w[^,;()]*)$", re.IGNORECASE)


def share_organizations(items: list[TitleItem]) -> None:
    """"Bí thư Đảng ủy, Chính ủy Tổng cục X": a position without its organization borrows the next one's.
    "Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Y" borrows only the place: "Bí thư Tỉnh ủy Y"."""
    following = None
    for item in reversed(items):
        if item.kind != "position":
            following = None if item.kind == "rank" else following
            continue
        if item.org:
            following = item.org
        elif item.needs_org and following:
            if _TERRITORIAL_COMMITTEE_RE.search(item.value):
                place = _PLACE_AT_END_RE.search(following)
                item.org = place.group(1) if place else None
            else:
                item.org = following


def title_of(item: TitleItem) -> str:
    """"Chính ủy Tổng cục Công nghiệp quốc phòng": the position and its organization."""
    return f"{item.value} {item.org}" if item.org else item.value


def apply_items(cand: Candidate, items: list[TitleItem], foreign: bool = False) -> None:
    """The chain's rank and titles onto the candidate. A foreign minister's title keeps the text's
    wording ("Bộ trưởng Quốc phòng James Mattis"): "Bộ Quốc phòng" is Vietnam's ministry."""
    for item in items:
        if foreign and item.field_as_written:
            item.org, item.field_as_written = item.field_as_written, None
        if item.kind == "rank":
            if cand.rank is None:
                cand.rank = item.value
            cand.evidence.append(item)
        elif item.kind == "position":
            cand.titles.append(title_of(item))
            cand.evidence.append(item)


def shared_post(cued: Candidate) -> dict:
    """What names listed after a position share with the first: the position that cues them all
    ("giám khảo Isaac, Bích Phương và Văn Mai Hương", "các Phó Thủ tướng A, B và C"), with its words."""
    if cued.cue != "position" or not cued.evidence or cued.evidence[-1].kind != "position":
        return {}
    item = cued.evidence[-1]
    return {"titles": [title_of(item)], "evidence": [item]}
