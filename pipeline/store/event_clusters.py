"""One real event, many reports: events of different documents grouped into clusters.

Five papers report one visit; each writes its own `events` row. Two events are reports of the same real
event when:
- their types are of one family (resources/event_families.tsv: "chuyến thăm", "hội đàm" and "buổi làm
  việc" may be one visit; "hội nghị" and "cuộc họp" one meeting);
- both have a full day (`date_value` "2017-06-05", or the year `event_years` gives to "XXXX-06-05"),
  one day apart at most; undated events, events dated only by month or year, and `historical` ones
  (a past event the text recounts) are never grouped;
- they share two participants (`entity_id`), or one when a report names only one person and both are
  of the same type: "Thủ tướng tiếp Đại sứ A" and "Thủ tướng tiếp Đại sứ B" the same afternoon are two
  receptions, and the Chủ tịch nước's "hội kiến" and his "chuyến thăm" to the embassy that day are two
  events of one visit;
- their places are compatible: equal, one unknown, or one inside the other ("Nhà Quốc hội, Hà Nội" and
  "Hà Nội" by name; "Hà Nội" and "Việt Nam" by resources/places_vn.tsv).
Pairs are merged strongest first (more shared participants, then the same day, then the same place);
a merge is refused when it would put two events of one document in a cluster (the extractor already
told them apart), span more than one day, or join two reports that could not be paired by these
rules (participants and type, place) even though each matches a third.

Every event has a cluster: an event that matches no other is a cluster of one, so that counting
clusters counts real events. `cluster_id` is "evc-" and a hash of the cluster's smallest `event_id`:
the same output gives the same ids in every run.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations

from pipeline.core.normal_form import normalize_text
from pipeline.core.resource_files import read_table

_DAY_RE = re.compile(r"^\d{4}-\d\d-\d\d$")
MAX_DAY_GAP = 1


@dataclass(frozen=True, slots=True)
class EventReport:
    """One `events` row with what clustering compares."""

    doc_id: str
    event_id: str
    type: str
    date_value: str | None  # the full day when known ("2017-06-05"), else the row's own value
    location: str | None
    historical: bool
    participants: frozenset[str]  # entity_ids


@dataclass(slots=True)
class EventCluster:
    cluster_id: str
    family: str
    members: list[EventReport]


@lru_cache(maxsize=1)
def type_families() -> dict[str, str]:
    return {row[0]: row[1] for row in read_table("event_families.tsv", header=True, width=2) if row[1]}


def family_of(event_type: str) -> str:
    return type_families().get(event_type, event_type)


@lru_cache(maxsize=1)
def _place_parents() -> dict[str, str]:
    """Vietnamese place (folded) -> its parent's name, folded; provinces' parent is "việt nam"."""
    parents = {}
    for name, _type, parent, *_rest in read_table("places_vn.tsv", header=True, width=7):
        parents[_fold(name)] = _fold(parent) if parent else "việt nam"
    return parents


def _fold(place: str) -> str:
    return " ".join(normalize_text(place).casefold().split())


def _inside(inner: str, outer: str) -> bool:
    seen = set()
    parents = _place_parents()
    while inner in parents and inner not in seen:
        seen.add(inner)
        inner = parents[inner]
        if inner == outer:
            return True
    return False


def places_compatible(a: str | None, b: str | None) -> bool:
    """Equal, one unknown, or one inside the other (by name, or by the province list)."""
    if not a or not b:
        return True
    fa, fb = _fold(a), _fold(b)
    if fa == fb or re.search(rf"(?<!\w){re.escape(fa)}(?!\w)", fb) or re.search(rf"(?<!\w){re.escape(fb)}(?!\w)", fa):
        return True
    return _inside(fa, fb) or _inside(fb, fa)


def _day(report: EventReport) -> date | None:
    if report.historical or not report.date_value or not _DAY_RE.match(report.date_value):
        return None
    try:
        return date.fromisoformat(report.date_value)
    except ValueError:
        return None


def _compatible(a: EventReport, b: EventReport) -> bool:
    """Whether two reports may be in one cluster, by their participants and types: reports naming two
    people or more share two; reports sharing fewer than two have the same type."""
    shared = len(a.participants & b.participants)
    if shared >= 2:
        return True
    return a.type == b.type and min(len(a.participants), len(b.participants)) < 2


def cluster_id(members: list[EventReport]) -> str:
    first = min(m.event_id for m in members)
    return "evc-" + hashlib.sha1(first.encode()).hexdigest()[:12]


def cluster_events(reports: list[EventReport]) -> list[EventCluster]:
    """Every report in exactly one cluster, clusters ordered by id."""
    days = {r.event_id: _day(r) for r in reports}
    groupable = sorted((r for r in reports if days[r.event_id] and r.participants), key=lambda r: r.event_id)
    # candidate pairs: same family and participant, at most MAX_DAY_GAP apart, two documents
    buckets: dict[tuple[str, str], list[EventReport]] = {}
    for r in groupable:
        for person in r.participants:
            buckets.setdefault((family_of(r.type), person), []).append(r)
    pairs: dict[tuple[str, str], tuple] = {}
    for bucket in buckets.values():
        bucket.sort(key=lambda r: (days[r.event_id], r.event_id))
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                gap = (days[b.event_id] - days[a.event_id]).days
                if gap > MAX_DAY_GAP:
                    break
                if a.doc_id == b.doc_id or not _compatible(a, b) or not places_compatible(a.location, b.location):
                    continue
                key = (min(a.event_id, b.event_id), max(a.event_id, b.event_id))
                same_place = bool(a.location and b.location and _fold(a.location) == _fold(b.location))
                pairs[key] = (-len(a.participants & b.participants), abs(gap), not same_place, key)
    by_id = {r.event_id: r for r in reports}
    cluster_of = {r.event_id: i for i, r in enumerate(reports)}
    members: dict[int, list[EventReport]] = {i: [r] for i, r in enumerate(reports)}
    for _, _, _, (x, y) in sorted(pairs.values()):
        cx, cy = cluster_of[x], cluster_of[y]
        if cx == cy or not _can_merge(members[cx], members[cy], days):
            continue
        keep, gone = min(cx, cy), max(cx, cy)
        for m in members[gone]:
            cluster_of[m.event_id] = keep
        members[keep].extend(members.pop(gone))
    clusters = [EventCluster(cluster_id(ms), family_of(_majority([m.type for m in ms])),
                             sorted(ms, key=lambda m: m.event_id)) for ms in members.values()]
    assert sum(len(c.members) for c in clusters) == len(by_id)
    return sorted(clusters, key=lambda c: c.cluster_id)


def _can_merge(a: list[EventReport], b: list[EventReport], days: dict[str, date | None]) -> bool:
    if {m.doc_id for m in a} & {m.doc_id for m in b}:
        return False
    all_days = [days[m.event_id] for m in a + b]
    if (max(all_days) - min(all_days)).days > MAX_DAY_GAP:
        return False
    return all(_compatible(x, y) and places_compatible(x.location, y.location) for x in a for y in b)


def _majority(values: list) -> object:
    """The most frequent non-null value, ties broken by the smallest; None when all are null."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts: dict = {}
    for v in present:
        counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda v: (-counts[v], v))


def cluster_rows(clusters: list[EventCluster], names: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Rows of `event_clusters` (one per cluster) and `event_cluster_members` (one per event).
    `names`: entity_id -> a participant's name."""
    summary, membership = [], []
    for c in clusters:
        people = sorted(set().union(*(m.participants for m in c.members)))
        dated = [m.date_value for m in c.members if m.date_value]
        summary.append({
            "cluster_id": c.cluster_id, "family": c.family, "type": _majority([m.type for m in c.members]),
            "date_value": min(dated) if dated else None, "location": _majority([m.location for m in c.members]),
            "n_events": len(c.members), "n_docs": len({m.doc_id for m in c.members}),
            "doc_ids": sorted({m.doc_id for m in c.members}), "event_ids": [m.event_id for m in c.members],
            "entity_ids": people, "names": sorted({names.get(p, p) for p in people}),
        })
        membership.extend({"doc_id": m.doc_id, "event_id": m.event_id, "cluster_id": c.cluster_id}
                          for m in c.members)
    membership.sort(key=lambda r: (r["doc_id"], r["event_id"]))
    return summary, membership


# The reports to cluster, from the committed tables: one row per event, its participants as a list,
# the year `event_years` found for "XXXX-06-05".
EVENT_REPORTS_SQL = """
    SELECT e.doc_id, e.event_id, e.type, coalesce(y.date_value, e.date_value) AS date_value, e.location,
           coalesce(e.historical, false) AS historical,
           list(DISTINCT p.entity_id) FILTER (WHERE p.entity_id IS NOT NULL) AS participants
    FROM {events} e
    LEFT JOIN {event_participants} p USING (doc_id, event_id)
    LEFT JOIN event_years_table y USING (doc_id, event_id)
    GROUP BY ALL ORDER BY e.doc_id, e.event_id"""
PARTICIPANT_NAMES_SQL = "SELECT entity_id, min(name) AS name FROM {event_participants} GROUP BY entity_id"


def reports_from_rows(rows) -> list[EventReport]:
    """EventReports from the rows of EVENT_REPORTS_SQL (tuples in its column order)."""
    return [EventReport(doc_id, event_id, event_type or "", date_value, location, bool(historical),
                        frozenset(participants or ()))
            for doc_id, event_id, event_type, date_value, location, historical, participants in rows]
