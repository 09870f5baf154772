"""Posts over time, from the `affiliations` table: a person's posts (`vnextract person`) and an
organization's post holders (`vnextract unit`).

Organizations are found the way people are (`explore.name_score`: accents optional, part of the name
is enough), among the organizations that have affiliated people: the ORG entities by name and
alias, and the organizations that no ORG mention names (kept as written in `affiliations`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from pipeline.query.explore import ExploreError, fetch_rows, fold, name_score

# one line per post, earliest first: a timeline
_POST_COLUMNS = """person_id, person, position, organization_id, organization, rank_at_first, rank_at_last,
                   first_seen, last_seen, n_docs, n_docs_former"""


def person_posts(con: duckdb.DuckDBPyConnection, person_ids: list[str]) -> list[dict]:
    """The posts of these entity ids (every identity of the name, `person_identities`), earliest first
    (undated ones last)."""
    return fetch_rows(con, f"""
        SELECT {_POST_COLUMNS} FROM affiliations WHERE split_part(person_id, '~', 1) IN (SELECT unnest(?))
        ORDER BY first_seen NULLS LAST, last_seen NULLS LAST, position, organization""", [person_ids])


@dataclass
class UnitCandidate:
    key: str  # organization_id, or the organization as written when it has no entity
    name: str
    n_people: int
    score: float


@dataclass
class UnitReport:
    """An organization and who held which post in it, earliest first."""

    name: str
    organization_id: str | None
    posts: list[dict]
    other_candidates: list[UnitCandidate] = field(default_factory=list)


def unit_candidates(con: duckdb.DuckDBPyConnection, query: str, min_score: float = 0.8,
                    limit: int = 10) -> list[UnitCandidate]:
    """Organizations with affiliated people whose name or alias matches QUERY, best first."""
    folded_query = fold(query)
    if not folded_query:
        return []
    rows = fetch_rows(con, """
        SELECT coalesce(a.organization_id, a.organization) AS key, min(a.organization) AS name,
               count(DISTINCT a.person_id) AS n_people, any_value(e.aliases) AS aliases
        FROM affiliations a LEFT JOIN entities e ON e.entity_id = a.organization_id
        WHERE a.organization IS NOT NULL GROUP BY ALL""")
    scored = []
    for row in rows:
        names = [row["name"], *(row["aliases"] or [])]
        score = max(name_score(folded_query, fold(n or ""), floor=min_score) for n in names)
        if score >= min_score:
            scored.append(UnitCandidate(row["key"], row["name"], int(row["n_people"]), score))
    scored.sort(key=lambda c: (-c.score, -c.n_people, c.name))
    return scored[:limit]


def find_unit(con: duckdb.DuckDBPyConnection, query: str) -> UnitReport:
    """The best match for QUERY with every post held in it."""
    candidates = unit_candidates(con, query)
    if not candidates:
        raise ExploreError(f"no organization with affiliated people matches {query!r}; try part of the name "
                           "(\"quan khu 7\"), or `vnextract query \"SELECT organization, count(*) FROM "
                           "affiliations GROUP BY ALL ORDER BY 2 DESC\"`")
    best = candidates[0]
    posts = fetch_rows(con, f"""
        SELECT {_POST_COLUMNS} FROM affiliations WHERE coalesce(organization_id, organization) = ?
        ORDER BY first_seen NULLS LAST, position, person""", [best.key])
    organization_id = posts[0]["organization_id"] if posts else None
    return UnitReport(best.name, organization_id, posts, candidates[1:])
