"""The corpus-wide `affiliations` table: who holds which post in which organization, and when.

One row per (person, position, organization): "Nguyễn Mạnh Hùng · Chính ủy · Tổng cục Công nghiệp
quốc phòng". It is read off `person_roles` (the words that gave each title, per document):
- the person is the identity of `person_identities` (two men of one name are two people, a short
  reference joins its full name), so `person_id` is an `identity_id`, named by its longest name
  (alphabetically first of equal length: "Nicolas Maduro" before "Nicolás Maduro", every run);
- the position is the canonical position word without "nguyên"/"cựu"; documents that call the post a
  former one are counted in `n_docs_former`;
- the organization is linked to its entity in `entities` when any document names it as an ORG (by
  the same canonical name, as entity ids are made); otherwise `organization_id` is null and the
  organization is kept as written; a position without an organization keeps both null. A bare head
  ("Bệnh viện") or an organ of any body ("Hội đồng Quản trị", resources/generic_organizations.txt)
  is linked to no entity: the boards of two companies are not one unit;
- `first_seen` / `last_seen` are the dates of the documents that report the post (publication date,
  else the document's own dated report, `documents.date_estimate`), never a date the text mentions;
- `rank_at_first` / `rank_at_last` are the person's ranks in the earliest and latest of those
  documents that give one.
"""
from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from pipeline.core.resource_files import read_list
from pipeline.extract.organizations.lexicon import head_names

# `{t}` is read_parquet() of the committed per-document table t; `organization_keys` maps each
# organization string to the id its entity would have; `corpus_entities` is the entities table,
# `corpus_identities` the person_identities table.
AFFILIATIONS_SQL = """
    WITH org_ids AS (
        SELECT k.organization, k.organization_id FROM organization_keys k
        WHERE k.organization_id IN (SELECT entity_id FROM corpus_entities WHERE label = 'ORG') AND NOT k.generic
    ), roles AS (
        SELECT r.doc_id, coalesce(i.identity_id, r.entity_id) AS person_id, r.entity_id, r.name AS person,
               regexp_replace(r.position, '^(nguyên|cựu) ', '') AS position,
               regexp_matches(r.position, '^(nguyên|cựu) ') AS former,
               o.organization_id, r.organization,
               coalesce(d.published, d.date_estimate) AS seen
        FROM {person_roles} r JOIN {documents} d USING (doc_id)
        LEFT JOIN org_ids o ON o.organization = r.organization
        LEFT JOIN corpus_identities i ON i.doc_id = r.doc_id AND i.entity_id = r.entity_id
        WHERE r.kind = 'title' AND r.position IS NOT NULL
    ), dated AS (
        SELECT DISTINCT roles.*, a.rank,
               coalesce(CAST(roles.seen AS VARCHAR), '9999-12-31') || ' ' || roles.doc_id AS sort_key
        FROM roles LEFT JOIN {appearances} a ON a.doc_id = roles.doc_id AND a.entity_id = roles.entity_id
    )
    SELECT person_id, first(person ORDER BY length(person) DESC, person) AS person, position, organization_id,
           coalesce(any_value(e.name), min(dated.organization)) AS organization,
           arg_min(rank, sort_key) FILTER (WHERE rank IS NOT NULL) AS rank_at_first,
           arg_max(rank, sort_key) FILTER (WHERE rank IS NOT NULL) AS rank_at_last,
           min(seen) AS first_seen, max(seen) AS last_seen,
           count(DISTINCT doc_id) AS n_docs,
           count(DISTINCT doc_id) FILTER (WHERE former) AS n_docs_former,
           list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids
    FROM dated LEFT JOIN corpus_entities e ON e.entity_id = dated.organization_id
    GROUP BY person_id, position, organization_id, CASE WHEN organization_id IS NULL THEN dated.organization END
    ORDER BY person_id, position, organization_id NULLS LAST, organization"""


def organization_keys(organizations: list[str | None], entity_id) -> pa.Table:
    """(organization, organization_id, generic) for each distinct organization string of `person_roles`;
    `entity_id` is the store's id function (ids are made in one place). `generic`: a bare head or an
    organ of any body (resources/generic_organizations.txt), which is linked to no entity."""
    names = sorted({o for o in organizations if o})
    generic = generic_organizations()
    return pa.table({"organization": names, "organization_id": [entity_id("ORG", o) for o in names],
                     "generic": [o.casefold() in generic for o in names]})


@lru_cache(maxsize=1)
def generic_organizations() -> frozenset[str]:
    heads = {head.casefold() for head in head_names().values()}
    lines = [line.casefold() for line in read_list("generic_organizations.txt")]
    named_bodies = {line[1:] for line in lines if line.startswith("-")}
    return frozenset((heads | {line for line in lines if not line.startswith("-")}) - named_bodies)
