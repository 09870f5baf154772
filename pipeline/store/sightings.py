"""One person appearance as evidence of who the person is (`Sighting`), the people a name turns
out to be (`Identity`), and the rules that say two appearances cannot be one person (`conflict`)
or what they share (`shared`), for `pipeline.store.identities`, which groups them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.extract.people.candidates import is_former
from pipeline.store.identity_evidence import (is_bare_position, place_provinces, rank_orders, sector_table,
                                             title_evidence)

BIRTH_YEARS_APART = 2  # two papers may round a birth year differently; more is another person
AGES_APART = 3  # ages are compared directly: a report's estimated date can be years off


@dataclass
class Sighting:
    """One appearance of a name in one document, with the evidence its rank and titles give."""
    doc_id: str
    entity_id: str
    name: str
    seen: date | None
    rank: str | None
    titles: tuple[str, ...]
    born: int | None = None  # the year of birth the text gives ("SN 1985", "sinh năm 1985")
    age: int | None = None  # the age it gives ("41 tuổi")
    places: tuple[str, ...] = ()  # the places the document names (its LOC mentions)
    public: bool = False  # called a scholar, an artist, a player … ("TS. Nguyễn Xuân Thành")
    order: int | None = None
    provinces: frozenset[str] = frozenset()
    story_provinces: frozenset[str] = frozenset()  # of a person with no rank or title: the story's
    sectors: frozenset[str] = frozenset()
    folded_titles: frozenset[str] = frozenset()
    identity: Identity | None = None
    evidence: str = ""

    def __post_init__(self):
        self.order = rank_orders().get(self.rank) if self.rank else None
        current = [t for t in self.titles if not is_former(t)]
        self.titles = tuple(current)
        self.folded_titles = frozenset(t.casefold() for t in current)
        for t in current:
            provinces, sectors = title_evidence(t)
            self.provinces |= provinces
            self.sectors |= sectors
        if self.order is not None and not self.sectors & {"police", "military"}:
            self.sectors |= {"officer"}  # a rank makes an officer ("Thượng úy" is no vice-chairman)
        if self.order is None and not current and not self.public and len(self.name.split()) >= 3:
            # a private person, named in full as the news names them: the story's provinces say who
            self.story_provinces = frozenset(p for place in self.places for p in place_provinces(place))

    @property
    def decisive(self) -> bool:
        """Has evidence another appearance can conflict with."""
        return self.order is not None or bool(self.provinces) or bool(self.sectors) or self.born is not None \
            or self.age is not None or bool(self.story_provinces)

    @property
    def sort_key(self):
        return (self.seen is None, self.seen or date.min, self.doc_id)

    @property
    def signature(self) -> tuple:
        return (self.seen.year if self.seen else None, self.rank, self.provinces, self.sectors, self.folded_titles,
                self.born, self.age, self.story_provinces)

    @property
    def where(self) -> frozenset[str]:
        """The provinces that place the person: the titles', else the story's."""
        return self.provinces | self.story_provinces

    def where_words(self) -> str:
        what = "province" if self.provinces else "story in"
        return f"{what} {', '.join(sorted(self.where))}"

    def when(self) -> str:
        return str(self.seen.year) if self.seen else "undated"


@dataclass
class Identity:
    founder: Sighting
    members: list[Sighting] = field(default_factory=list)
    identity_id: str = ""
    # one member per distinct evidence: what a newcomer is compared with (a name seen 600 times
    # with one title is compared once)
    distinct: dict[tuple, Sighting] = field(default_factory=dict)

    def add(self, s: Sighting) -> None:
        self.members.append(s)
        self.distinct.setdefault(s.signature, s)


def birth_year(born_text: str | None, seen: date | None) -> int | None:
    """"SN 1985": a year less than five years before the report ("(2016, …)" dates something else)."""
    if not born_text:
        return None
    year = int(born_text)
    return year if seen is None or year <= seen.year - 5 else None


def age_of(age_text: str | None) -> int | None:
    return int(age_text) if age_text and 5 <= int(age_text) <= 99 else None


def rank_conflict(a: Sighting, b: Sighting) -> bool:
    if a.order is None or b.order is None:
        return False
    if a.seen is None or b.seen is None or abs(a.seen.year - b.seen.year) <= 1:
        # a paper a step behind a promotion is common ("Thượng tá" / "Đại tá" in one week)
        return abs(a.order - b.order) >= 2
    early, late = (a, b) if a.sort_key <= b.sort_key else (b, a)
    years = late.seen.year - early.seen.year
    return late.order < early.order or late.order - early.order > years + 1


def same_time(a: Sighting, b: Sighting) -> bool:
    return a.seen is None or b.seen is None or abs(a.seen.year - b.seen.year) <= 1


def conflict(a: Sighting, b: Sighting) -> str | None:
    """Why a and b cannot be one person, in words an analyst can check; None when they can."""
    other = f"({b.doc_id})"
    if a.born and b.born and abs(a.born - b.born) > BIRTH_YEARS_APART:
        return f"born {a.born} conflicts with born {b.born} {other}"
    if a.age and b.age and same_time(a, b) and abs(a.age - b.age) > AGES_APART:
        return f"age {a.age} {a.when()} conflicts with age {b.age} {b.when()} {other}"
    if rank_conflict(a, b):
        return f"rank {a.rank} {a.when()} conflicts with {b.rank} {b.when()} {other}"
    if not same_time(a, b):
        return None
    if a.provinces and b.provinces and not a.provinces & b.provinces:
        return (f"province {', '.join(sorted(a.provinces))} {a.when()} conflicts with "
                f"{', '.join(sorted(b.provinces))} {b.when()} {other}")
    if (a.story_provinces or b.story_provinces) and a.where and b.where and not a.where & b.where:
        return (f"{a.where_words()} {a.when()} conflicts with {b.where_words()} {b.when()} {other}")
    _, against = sector_table()
    if a.sectors and b.sectors and not a.sectors & b.sectors and not officer_of(a, b) and not officer_of(b, a):
        clash = sorted((x, y) for x in a.sectors for y in b.sectors if y in against.get(x, ()))
        if clash:
            return f"sector {clash[0][0]} {a.when()} conflicts with {clash[0][1]} {b.when()} {other}"
    return None


def officer_of(a: Sighting, b: Sighting) -> bool:
    """a is a ranked officer with no sector of its own and b serves in the police or the army."""
    return "officer" in a.sectors and bool(b.sectors & {"police", "military"})


def shared(a: Sighting, b: Sighting) -> list[str]:
    """The evidence a and b have in common."""
    out = [f"born {a.born}"] if a.born and b.born and abs(a.born - b.born) <= 1 else []
    out += [f"age {a.age}"] if a.age and b.age and abs(a.age - b.age) <= 1 and same_time(a, b) else []
    out += [f"province {p}" for p in sorted(a.provinces & b.provinces)]
    out += [f"story in {p}" for p in sorted((a.story_provinces & b.where) | (a.where & b.story_provinces))]
    out += [f"sector {s}" for s in sorted(a.sectors & b.sectors)]
    if a.rank and a.rank == b.rank:
        out.append(f"rank {a.rank}")
    out += [f"title {t}" for t in a.titles if t.casefold() in b.folded_titles]
    out += [f"title {t} (in full: {u})" for t in a.folded_titles for u in b.folded_titles
            if t != u and one_post(t, u)]
    return out


def one_post(a: str, b: str) -> bool:
    """Two folded titles name one post, the same or one in full ("chủ tịch ủy ban nhân dân" and
    "chủ tịch ủy ban nhân dân tỉnh bình dương"); a bare post ("giám đốc") is in every title."""
    short, full = sorted((a, b), key=len)
    return short == full or (full.startswith(short + " ") and not is_bare_position(short))
