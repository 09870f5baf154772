"""One role per person and event: the roles a person's links give, with opposite roles resolved.

A person may be linked to one event several times: "Thủ tướng X tiếp Đại sứ Y ... X đánh giá cao ..."
gives X "tiếp" and "phát biểu". All distinct roles are kept, in the order the text gives them
(`roles`, a list); `role`, the one a query compares (`role = 'dự'`), is the first of them.

Two roles are opposite when one verb gives them to its subject and to its object
(resources/participant_roles.tsv, `role` / `object_role`): "tiếp" / "được tiếp", "trao" / "nhận",
"bắt giữ" / "bị bắt", "gây án" / "nạn nhân". Nobody both receives and is received at one event, so
only one of two opposite roles stays:
- the role whose link is closer (fewest characters between the person's name and the role phrase)
  wins: in "Đại sứ Y cảm ơn Thủ tướng X đã dành thời gian tiếp", X is "tiếp" (3 characters), not
  "được tiếp" from an earlier "Thủ tướng ... tiếp Đại sứ Y" misread 40 characters away;
- at equal distance the subject's role wins over the object's: "X tiếp Y" speaks of X first;
- then the role the text gives first.
Verbs whose subject and object take the same role ("hội đàm", "gặp") are never opposite.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.events.roles import role_phrases


@dataclass(frozen=True, slots=True)
class RoleEvidence:
    """One link of a person to an event: the role it gives and how strong it is."""

    role: str
    distance: int  # characters between the person's mention and the role phrase
    is_object: bool = False


@lru_cache(maxsize=1)
def opposite_roles() -> dict[str, frozenset[str]]:
    """role -> the roles it excludes: a verb's subject role and its object role, when they differ."""
    out: dict[str, set[str]] = {}
    for phrase in role_phrases():
        if phrase.object_role and phrase.object_role != phrase.role:
            out.setdefault(phrase.role, set()).add(phrase.object_role)
            out.setdefault(phrase.object_role, set()).add(phrase.role)
    return {role: frozenset(others) for role, others in out.items()}


def resolve_roles(evidence: list[RoleEvidence]) -> tuple[str, tuple[str, ...]]:
    """(role, roles) of one person in one event from its links in text order: every distinct role
    but the losers of opposite pairs, and the first of them."""
    best: dict[str, tuple[int, bool, int]] = {}  # role -> strongest link: (distance, is_object, order)
    for order, ev in enumerate(evidence):
        key = (ev.distance, ev.is_object, order)
        if ev.role not in best or key < best[ev.role]:
            best[ev.role] = key
    first_seen = {}
    for order, ev in enumerate(evidence):
        first_seen.setdefault(ev.role, order)
    opposite = opposite_roles()
    kept = [role for role in best
            if not any(other in best and best[other] < best[role] for other in opposite.get(role, ()))]
    roles = tuple(sorted(kept, key=first_seen.__getitem__))
    return (roles[0] if roles else ""), roles
