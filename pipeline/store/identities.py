"""Cross-document person identity: which appearances of one name are one person.

`entity_id` is a hash of the name, so every "Nguyễn Văn Hùng" of the corpus is one entity. The
`person_identities` table (one row per person appearance) gives each appearance an `identity_id`:
the entity_id itself when the name is one person (the common case: existing joins keep working),
`entity_id~<6 hex of the identity's first document>` for the second, third … person of that name.

Splitting (Vietnamese names only: the press translates foreign ranks loosely, "Jo-Ar Herrera" is
Trung úy, Trung tá and Đại tá in three papers). Two appearances are two people when their evidence
cannot belong to one career at the same time:
- ranks (`resources/rank_order.tsv`; dates are `published`, else `date_estimate`): two steps or
  more within a year or with a document undated ("Trung tá" / "Đại tá"; one step is a promotion or
  a paper behind it, and most of a news corpus is a year or two); over years, a fall ("Đại tá" in
  2012, "Trung tá" in 2016) or a rise faster than one step a year plus one;
- provinces named by the current titles ("Giám đốc Sở Xây dựng tỉnh Long An" / "Bí thư Tỉnh ủy
  Quảng Trị"; see `identity_evidence`), at the same time (within a year, or a document undated);
- the year of birth written after the name ("Nguyễn Văn A (SN 1985, trú …)"), more than two years
  apart; or the age ("(41 tuổi)"), more than three years apart at the same time (ages are compared
  directly: a report's estimated date can be years off, so an age gives no year);
- sectors that one person does not hold together (`resources/identity_sectors.tsv`): the police and
  the army, an officer and a civil post ("Trung tá, Trưởng Công an quận 2" / "Thứ trưởng Bộ Tài
  chính"), a coach and a provincial party secretary; a rank alone makes an officer;
- for a private person (no rank or title, a full name of three words or more, never called a
  scholar, artist, player … in the article: `resources/identity_public_cues.txt`), the provinces
  the article names: a driver in a Quảng Nam story is not a resident quoted in a Hà Nội one.
Appearances are read in a fixed order, earliest document first (dated before undated, then by
doc_id), never in batch order. Those that share a province or a title naming its organization
gather first: each joins the group it shares most with and conflicts with in nothing ("Thượng tá"
and "Đại tá" Lê Xuân Hưng, Phó Giám đốc Cảnh sát PCCC tỉnh Quảng Ngãi, one week apart), or starts
one. The groups then merge, largest first, unless two of their appearances conflict, each into the
identity it shares most with (a title written in full counts), else the largest: the rest are the
name's other people. Appearances with nothing to conflict with (no rank, no province, no
sector) join the identity sharing their title or rank, else the largest.

Merging. A short reference is the full name's person when one full name extends it (same first
and last word, the short name's words in order inside: "Nguyễn Hùng" ⊂ "Nguyễn Mạnh Hùng",
"Quách Dìm" ⊂ "Quách Thị Dìm"): in the same document, when exactly one name there extends it (the
people stage already links "ông Hùng" and "Mạnh Hùng" to their full name, not these); across the
corpus, when exactly one identity of the extending names holds the short reference's title,
naming its organization (the same, or one written in full), and its rank if it has one ("Tô
Cường, Phó tổng giám đốc VNPT" is "Tô Mạnh Cường, Phó Tổng Giám đốc VNPT"); a misread full name
repeating a word ("Nikki Haley Haley") takes none.

The evidence of one appearance and the conflict rules live in `sightings.py`.
"""
from __future__ import annotations

import gc
import hashlib

import pyarrow as pa

from pipeline.core.normal_form import is_vietnamese_syllable, name_key
from pipeline.store.identity_evidence import is_bare_position, is_public_figure
from pipeline.store.sightings import Identity, Sighting, age_of, birth_year, conflict, one_post, shared

# one row per (doc_id, entity_id) of the committed appearances, with the document's date
# the words right after a person's first mention: "Nguyễn Văn A (SN 1985, trú …)", "…, 41 tuổi,"
_AFTER_NAME = "substr(d.text, a.ends[1] + 1, 30)"
_BEFORE_NAMES = "list_transform(a.starts, lambda s: substr(d.text, greatest(1, s - 29), least(30, s)))"
SIGHTINGS_SQL = rf"""
    SELECT a.doc_id, a.entity_id, min(a.name) AS name, min(a.rank) AS rank, flatten(list(a.titles)) AS titles,
           min(coalesce(d.published, d.date_estimate)) AS seen,
           min(nullif(regexp_extract({_AFTER_NAME}, '^\s*[,(]\s*(?:SN|sinh năm)?\s*((?:19|20)\d\d)\b', 1), ''))
               AS born_text,
           min(nullif(regexp_extract({_AFTER_NAME}, '^\s*[,(]\s*(\d\d?)\s*tuổi', 1), '')) AS age_text,
           min(p.places) AS places,
           flatten(list({_BEFORE_NAMES})) AS before_texts
    FROM {{appearances}} a LEFT JOIN {{documents}} d USING (doc_id)
    LEFT JOIN (SELECT doc_id, list(DISTINCT text ORDER BY text) AS places FROM {{mentions}} WHERE label = 'LOC'
               GROUP BY doc_id) p USING (doc_id)
    GROUP BY a.doc_id, a.entity_id"""
NO_EVIDENCE = "no evidence: joined the largest"


def identity_key(entity_id: str, founder_doc: str, first: bool) -> str:
    return entity_id if first else f"{entity_id}~{hashlib.sha1(founder_doc.encode()).hexdigest()[:6]}"


def links(s: Sighting) -> set[tuple[str, str]]:
    """What ties two appearances positively: a province, or a title naming its organization."""
    born = {("born", str(s.born))} if s.born else set()
    return born | {("province", p) for p in s.where} | {("title", t) for t in s.folded_titles
                                                            if not is_bare_position(t)}


def first_conflict(group: Identity, other: Identity) -> str | None:
    """Why two groups cannot be one person (members with the same evidence are compared once)."""
    return next((why for a in group.distinct.values() if a.decisive
                 for b in other.distinct.values() if b.decisive and (why := conflict(a, b))), None)


def common_group_evidence(group: Identity, other: Identity) -> set[str]:
    return {c for a in group.distinct.values() for c in common_evidence(a, other)}


def common_evidence(s: Sighting, group: Identity) -> list[str]:
    return sorted({c for m in group.distinct.values() for c in shared(s, m)})


def split_name(sightings: list[Sighting]) -> list[Identity]:
    """The identities of one name's appearances (see the module docstring): appearances that share
    a province or a title gather first, earliest first, each joining the group it shares most with
    and conflicts with in nothing; then groups are merged, largest first, unless they conflict."""
    if len(sightings) == 1:  # most names: nothing to compare
        only = Identity(founder=sightings[0], identity_id=sightings[0].entity_id)
        only.add(sightings[0])
        sightings[0].identity = only
        sightings[0].evidence = ("one person: no conflicting evidence" if sightings[0].decisive
                                 else "no evidence: the only identity of this name")
        return [only]
    sightings = sorted(sightings, key=lambda s: s.sort_key)
    foreign = any(not is_vietnamese_syllable(w) for w in sightings[0].name.split())
    groups: list[Identity] = []
    by_link: dict[tuple[str, str], list[Identity]] = {}
    for s in (x for x in sightings if x.decisive):
        keys = links(s)
        candidates = {id(g): g for k in sorted(keys) for g in by_link.get(k, [])}
        best, best_common = None, []
        for g in sorted(candidates.values(), key=lambda g: g.founder.sort_key):
            if not foreign and any(conflict(s, m) for m in g.distinct.values() if m.decisive):
                continue
            common = common_evidence(s, g)
            if best is None or len(common) > len(best_common):
                best, best_common = g, common
        if best is None:
            best = Identity(founder=s)
            groups.append(best)
        else:
            s.evidence = f"same person as {best.founder.doc_id}: " + "; ".join(best_common)
        best.add(s)
        for k in keys:
            if best not in by_link.setdefault(k, []):
                by_link[k].append(best)
    identities: list[Identity] = []
    for g in sorted(groups, key=lambda g: (-len(g.members), g.founder.sort_key)):
        # of the identities it does not conflict with, the one it shares most with, else the largest
        fits = [i for i in identities if foreign or not first_conflict(i, g)]
        target = max(fits, key=lambda i: len(common_group_evidence(g, i)), default=None)
        if target is None:
            identities.append(g)
            continue
        for m in g.members:
            m.evidence = m.evidence or f"no conflicting evidence with {target.founder.doc_id}"
            target.add(m)
    if not identities:
        identities.append(Identity(founder=sightings[0]))
    identities.sort(key=lambda i: min(m.sort_key for m in i.members) if i.members else ())
    for i in identities:
        i.founder = min(i.members, key=lambda m: m.sort_key) if i.members else i.founder
        if len(identities) == 1:
            i.founder.evidence = "one person: no conflicting evidence"
        elif i is identities[0]:
            i.founder.evidence = "first evidence of this name"
        else:  # the conflict that kept it apart, with the first identity if there is one
            i.founder.evidence = next(filter(None, (first_conflict(i, o) for o in identities if o is not i)))
        for m in i.members:
            m.evidence = m.evidence or "one person: no conflicting evidence"
    by_size = sorted(identities, key=lambda i: -len(i.members))  # before the undecided join
    for s in (x for x in sightings if not x.decisive):
        sharing = [(len(c), i, c) for i in by_size if len(identities) > 1 and (c := common_evidence(s, i))]
        if sharing:
            _, target, common = max(sharing, key=lambda t: t[0])
            s.evidence = f"same person as {target.founder.doc_id}: " + "; ".join(common)
        else:
            target = by_size[0]
            s.evidence = NO_EVIDENCE if len(identities) > 1 else "no evidence: the only identity of this name"
        target.add(s)
    for n, identity in enumerate(identities):  # earliest document first
        identity.identity_id = identity_key(identity.founder.entity_id, identity.founder.doc_id, n == 0)
        for m in identity.members:
            m.identity = identity
    return identities


def extends(short: list[str], full: list[str]) -> bool:
    """`full` is a longer form of `short`: same first and last word, short's words in order inside."""
    if len(short) < 2 or len(full) <= len(short) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    if any(a == b for a, b in zip(full, full[1:])):  # "Nikki Haley Haley" is a misread, not a full name
        return False
    rest = iter(full[1:-1])
    return all(w in rest for w in short[1:-1])


def merge_short_names(by_name: dict[str, list[Sighting]]) -> None:
    """Give a short reference the identity of the one full name that extends it (module docstring)."""
    keys = {name: name_key(name).split() for name in by_name}
    by_ends: dict[tuple[str, str], list[str]] = {}
    for name, words in keys.items():
        if len(words) >= 2:
            by_ends.setdefault((words[0], words[-1]), []).append(name)
    by_doc: dict[str, list[Sighting]] = {}
    for sightings in by_name.values():
        for s in sightings:
            by_doc.setdefault(s.doc_id, []).append(s)
    for short, sightings in sorted(by_name.items()):
        words = keys[short]
        fulls = [f for f in by_ends.get((words[0], words[-1]), []) if len(words) >= 2 and extends(words, keys[f])]
        if not fulls:
            continue
        candidates = {m.identity.identity_id: m.identity for f in fulls for m in by_name[f]}
        for s in sightings:
            here = [o for o in by_doc[s.doc_id] if o.name in fulls]
            if len(here) == 1 and not (s.rank and here[0].rank and s.rank != here[0].rank):
                s.identity = here[0].identity
                s.evidence = f"merged: {here[0].name} in the same document extends it"
                continue
            if here:
                continue
            matches = [(i, t) for i in candidates.values() if (t := same_rank_and_title(s, i))] if s.titles else []
            if len(matches) == 1:
                (s.identity, title), = matches
                what = f"rank {s.rank} and title" if s.rank else "title"
                founder = s.identity.founder
                s.evidence = f"merged: same {what} \"{title}\" as {founder.name} ({founder.doc_id})"
                continue
        follow_the_largest(sightings)


def follow_the_largest(sightings: list[Sighting]) -> None:
    """A short name's appearances without evidence join the identity that most (two or more, and
    more than half) of its appearances with a rank or title went to, as they do within a name."""
    counts: dict[str, list] = {}
    for s in sightings:
        if s.rank or s.titles:
            counts.setdefault(s.identity.identity_id, [0, s.identity])[0] += 1
    if not counts:
        return
    n, largest = max(counts.values(), key=lambda c: (c[0], c[1].identity_id == sightings[0].entity_id))
    if n < 2 or 2 * n <= sum(c[0] for c in counts.values()):  # one merged mention does not carry the name
        return
    for s in sightings:
        if s.evidence.startswith("no evidence") and s.identity is not largest:
            s.identity = largest
            s.evidence = f"{NO_EVIDENCE} ({largest.founder.name}, {largest.founder.doc_id})"


def same_rank_and_title(s: Sighting, identity: Identity) -> str | None:
    """The title s shares with the identity, naming its organization ("Phó Chủ tịch Ủy ban nhân
    dân tỉnh An Giang", not a bare "Giám đốc"), when the identity also has s's rank (if any) and
    nothing conflicts; else None."""
    members = list(identity.distinct.values())
    if s.rank and not any(m.rank == s.rank for m in members):
        return None
    named = [t for t in s.titles if not is_bare_position(t.casefold())]
    common = next(((t, m) for m in members for t in named
                   if any(one_post(t.casefold(), u) for u in m.folded_titles)), None)
    if common is None or any(conflict(s, m) for m in members if m.decisive):
        return None
    return common[0]


def person_identities(rows: pa.Table) -> list[dict]:
    """Rows of `person_identities` from the sightings (SIGHTINGS_SQL's result)."""
    gc.disable()  # 200k small objects that all live to the end: the collector would only re-scan them
    try:
        return _identity_rows(rows)
    finally:
        gc.enable()


def _identity_rows(rows: pa.Table) -> list[dict]:
    by_name: dict[str, list[Sighting]] = {}
    for r in rows.to_pylist():
        s = Sighting(r["doc_id"], r["entity_id"], r["name"], r["seen"], r["rank"], tuple(r["titles"] or ()),
                     born=birth_year(r.get("born_text"), r["seen"]), age=age_of(r.get("age_text")),
                     places=tuple(r.get("places") or ()),
                     public=any(map(is_public_figure, r.get("before_texts") or ())))
        by_name.setdefault(r["entity_id"], []).append(s)
    named = {}
    for sightings in by_name.values():
        split_name(sightings)
        named.setdefault(sightings[0].name, []).extend(sightings)
    merge_short_names(named)
    out = [{"doc_id": s.doc_id, "entity_id": s.entity_id, "name": s.name, "identity_id": s.identity.identity_id,
            "identity_evidence": s.evidence} for sightings in by_name.values() for s in sightings]
    return sorted(out, key=lambda r: (r["doc_id"], r["entity_id"]))
