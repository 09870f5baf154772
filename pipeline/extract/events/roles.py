"""Participant roles: which person in a sentence chairs, attends, speaks at, gives or receives.

Vietnamese news states a participant's part in a handful of shapes, all handled by regex scanning
over one sentence with the person mention spans the people stage found:

- subject + verb, with appositions between:   "Trung tướng X, Bí thư Đảng ủy, ..., chủ trì hội nghị"
  and the passive "Hội nghị do X chủ trì" (X is still right before the verb);
- verb + object:                               "Thủ tướng X tiếp Đại sứ Y", "trao Bằng khen cho Z";
- a list after a marker:                       "Dự hội nghị có đồng chí X, ...; đồng chí Y, ..."
- a genitive:                                  "dưới sự chủ trì của X", "chỉ đạo của X tại Hội nghị";
- a fronted participle:                        "Phát biểu kết luận Hội nghị, Trung tướng X nhấn mạnh";
- a noun right before the name (incidents, delegations): "đối tượng X", "bị cáo X", "nạn nhân là
  anh X", "trưởng đoàn Trung tướng X" (not "đối tượng chính sách", where no name follows).

The vocabulary and its constraints live in resources/participant_roles.tsv. This module only links
persons to role phrases; which event a link belongs to is decided by pipeline/events.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.normal_form import normalize_text
from pipeline.core.resource_files import read_table


# Characters that end a clause for role linking (commas do not: appositions are comma-separated).
_CLAUSE_BREAK_RE = re.compile(r"[;:!?\n\"“”]|\.(?!\w)")  # not the dot of "TP.HCM", "PGS.TS"
# Words between a person and a verb that show the verb has another subject
# ("Ông X cho biết, Bộ trưởng sẽ chủ trì ...").
_SUBJECT_BLOCKER_RE = re.compile(
    r"(?<!\w)(?:cho biết|cho rằng|cho hay|cáo buộc|tố cáo|nói|theo|rằng|khi|nếu|để|thì|là|được biết|sau khi|trước khi"
    # "X giao / yêu cầu Sở Y tế thăm hỏi …": the assignee acts, not X ("giao ban" is a meeting)
    r"|giao(?= cho| nhiệm vụ| (?-i:[A-ZĐ]))|(?:yêu cầu|đề nghị)(?= (?-i:[A-ZĐ])| các (?-i:[A-ZĐ])| cơ quan))(?!\w)",
    re.IGNORECASE,
)
_COORDINATION_RE = re.compile(r"(?<!\w)(?:và|cùng|cùng với)(?!\w)")
_GENITIVE_RE = re.compile(r"(?<!\w)của(?!\w)")
_SOURCE_RE = re.compile(r"(?<!\w)theo\s+(?:[^\W\d_][\w.]*\s+){0,3}$", re.IGNORECASE)
# A new clause after the verb: persons beyond it are not its objects.
_OBJECT_STOP_RE = re.compile(r"(?<!\w)(?:nhưng|còn|trong khi|tuy nhiên|song|mà|rồi|sau đó)(?!\w)")
_RECIPIENT_MARK_RE = re.compile(r"(?<!\w)(?:cho|tặng)(?!\w)")
_CHAIN_GAP_RE = re.compile(r"^(?:[\s,]|và|cùng|rồi|đã|sẽ|đang|vừa|cũng|mới)*$")
_LEADING_JUNK_RE = re.compile(r"[\s\"“”'‘’(\[\-–—•*+]*")
_WORD_RE = re.compile(r"\w+")

MAX_SUBJECT_GAP = 220  # chars between a person's name and its verb (appositive titles can be long)
MAX_OBJECT_GAP = 160
MAX_GENITIVE_GAP = 60
MAX_COORDINATION_GAP = 160
# between a role noun and its person: "nạn nhân là anh X", "đối tượng X", "trưởng đoàn Trung tướng X"
_NOUN_GAP_RE = re.compile(r"\s*:?\s*(?:là\s+)?(?:(?:anh|chị|ông|bà|cháu|em|tên|gã|cô)\s+)?(?:[^\W\d_][\w.]*\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class RolePhrase:
    kind: str  # verb | list | of | front
    phrase: str
    role: str
    object_role: str | None
    implies: str | None
    attach_any: bool
    needs_event: bool
    not_before: frozenset[str]
    not_after: frozenset[str]
    next_must: frozenset[str]
    head_re: re.Pattern[str] | None = None  # first chunk of a "a … b" phrase: constraints apply after it


@dataclass(frozen=True, slots=True)
class RoleHit:
    """A role phrase found in a sentence (absolute offsets)."""

    start: int
    end: int
    phrase: RolePhrase


@dataclass(frozen=True, slots=True)
class PersonSpan:
    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class RoleLink:
    """A person linked to a role phrase in one sentence."""

    name: str
    role: str
    hit: RoleHit
    is_object: bool = False
    person: PersonSpan | None = None  # the mention linked

    @property
    def distance(self) -> int:
        """Characters between the person's mention and the role phrase (0 when unknown)."""
        if self.person is None:
            return 0
        return max(0, self.hit.start - self.person.end, self.person.start - self.hit.end)


def _alternatives(cell: str) -> frozenset[str]:
    return frozenset(normalize_text(x).lower() for x in cell.split("|") if x.strip())


@lru_cache(maxsize=1)
def role_phrases() -> tuple[RolePhrase, ...]:
    rows = []
    for cells in read_table("participant_roles.tsv", header=True, width=10):
        kind, phrase, role, obj, implies, attach_any, needs_event, not_before, not_after, next_must = cells
        rows.append(RolePhrase(
            kind=kind, phrase=phrase.lower(), role=role, object_role=obj or None, implies=implies or None,
            attach_any=attach_any == "1", needs_event=needs_event == "1",
            not_before=_alternatives(not_before), not_after=_alternatives(not_after),
            next_must=frozenset(x for x in next_must.split("|") if x == "UPPER") | _alternatives(
                "|".join(x for x in next_must.split("|") if x != "UPPER")),
            head_re=re.compile(_phrase_pattern(phrase.split("…")[0].strip()), re.IGNORECASE) if "…" in phrase else None,
        ))
    return tuple(rows)


def trie_pattern(phrases) -> str:
    """A regex matching any of the (space-separated) phrases, longest first, built as a word trie:
    Python's `re` tries alternatives one by one, so a flat alternation of 100 phrases is slow."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}

    def emit_node(node: dict) -> str:
        parts = []
        for word, child in sorted(((w, c) for w, c in node.items() if w), key=lambda kv: -len(kv[0])):
            longer = {k: v for k, v in child.items() if k}
            tail = ""
            if longer:
                tail = r"(?:\s+" + emit_node(longer) + ")" + ("?" if "" in child else "")
            parts.append(re.escape(word) + tail)
        return "(?:" + "|".join(parts) + ")"

    return emit_node(trie)


def _phrase_pattern(phrase: str) -> str:
    parts = [r"\s+".join(map(re.escape, chunk.split())) for chunk in phrase.split("…")]
    return r"\s+(?:[^,.;:!?\n]{0,50}?\s+)?".join(parts)


@lru_cache(maxsize=1)
def _matchers() -> dict[str, tuple[re.Pattern[str], dict[str, RolePhrase]]]:
    """One compiled alternation per kind; the matched text (lowercased, spaces squeezed) finds its row."""
    out = {}
    for kind in ("verb", "list", "of", "front", "noun"):
        rows = [r for r in role_phrases() if r.kind == kind]
        plain = [r for r in rows if "…" not in r.phrase]
        gapped = sorted((r for r in rows if "…" in r.phrase), key=lambda r: -len(r.phrase))
        alternatives = [f"(?P<g{i}>{_phrase_pattern(r.phrase)})" for i, r in enumerate(gapped)]
        if plain:
            alternatives.append(f"(?P<plain>{trie_pattern(r.phrase for r in plain)})")
        regex = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)
        lookup = {f"g{i}": r for i, r in enumerate(gapped)}
        lookup.update({r.phrase: r for r in plain})
        out[kind] = (regex, lookup)
    return out


def _previous_word(text: str, pos: int, floor: int) -> str:
    i = pos
    while i > floor and text[i - 1] == " ":
        i -= 1
    j = i
    while j > floor and text[j - 1].isalnum():
        j -= 1
    return text[j:i].lower()


def _next_word(text: str, pos: int, ceiling: int) -> str:
    i = pos
    while i < ceiling and text[i] in " ,":
        i += 1
    m = _WORD_RE.match(text, i, ceiling)
    return m.group(0) if m else ""


def _sentence_head(text: str, start: int, end: int) -> int:
    """Offset of a sentence's first word (after quotes, dashes, bullets)."""
    return _LEADING_JUNK_RE.match(text, start, end).end()


def find_role_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """All role phrases in text[start:end] that pass their lexical constraints, in text order."""
    head = _sentence_head(text, start, end)
    hits = []
    for kind, (regex, by_group) in _matchers().items():
        for m in regex.finditer(text, start, end):
            row = by_group[m.lastgroup] if m.lastgroup != "plain" else by_group[" ".join(m.group(0).lower().split())]
            s, e = m.span()
            at_head = s == head
            if kind == "front" and not at_head:
                continue
            # Mid-sentence capitals are names and titles ("Ban Chỉ đạo", "Ban Tiếp công dân").
            if text[s].isupper() and not at_head:
                continue
            if row.not_before and _previous_word(text, s, start) in row.not_before:
                continue
            after = row.head_re.match(text, s).end() if row.head_re else e
            nxt = _next_word(text, after, end)
            if row.not_after and nxt.lower() in row.not_after:
                continue
            if row.next_must and not (nxt.lower() in row.next_must
                                      or ("UPPER" in row.next_must and nxt[:1].isupper())):
                continue
            hits.append(RoleHit(s, e, row))
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


def _titles_only(gap: str) -> bool:
    """Only an honorific, "là" and a capitalised title stand between a role noun and the name."""
    words = [w for w in gap.split() if w not in (":", "là", "anh", "chị", "ông", "bà", "cháu", "em", "tên", "gã", "cô")]
    return not words or words[0][0].isupper()  # "Trung tướng", "Thượng tá", "Bộ trưởng"


def _chained(gap: str) -> bool:
    """Whether a verb shares the subject of the verb before it."""
    if _CHAIN_GAP_RE.match(gap):
        return True
    if _CLAUSE_BREAK_RE.search(gap) or _SUBJECT_BLOCKER_RE.search(gap):
        return False
    # Serial verbs share a subject: "X dẫn đầu đoàn ... làm việc với", "X chủ trì hội nghị và phát biểu".
    return len(gap) <= 60 or (len(gap) <= 100 and bool(_COORDINATION_RE.search(gap)))


def _clean_gap(gap: str) -> bool:
    return not _CLAUSE_BREAK_RE.search(gap) and not _SUBJECT_BLOCKER_RE.search(gap)


def _coordinated_before(text: str, persons: list[PersonSpan], idx: int) -> list[PersonSpan]:
    """Persons joined to persons[idx] by "và / cùng" ("X và Y đồng chủ trì"), nearest first."""
    out = []
    cur = persons[idx]
    for prev in reversed(persons[:idx]):
        gap = text[prev.end:cur.start]
        if len(gap) > MAX_COORDINATION_GAP or not _clean_gap(gap) or not _COORDINATION_RE.search(gap):
            break
        out.append(prev)
        cur = prev
    return out


def _coordinated_after(text: str, persons: list[PersonSpan], idx: int, limit: int) -> list[PersonSpan]:
    out = []
    cur = persons[idx]
    for nxt in persons[idx + 1:]:
        if nxt.start >= limit:
            break
        gap = text[cur.end:nxt.start]
        if len(gap) > MAX_COORDINATION_GAP or _CLAUSE_BREAK_RE.search(gap) or not _COORDINATION_RE.search(gap):
            break
        out.append(nxt)
        cur = nxt
    return out


def _listed_after(text: str, persons: list[PersonSpan], idx: int, limit: int) -> list[PersonSpan]:
    """The persons right after persons[idx] separated by a comma or "và" alone: a plain list."""
    out, cur = [], persons[idx]
    for nxt in persons[idx + 1:]:
        if nxt.start >= limit or text[cur.end:nxt.start].strip() not in (",", "và", ", và"):
            break
        out.append(nxt)
        cur = nxt
    return out


def link_roles(text: str, start: int, end: int, persons: list[PersonSpan],
               hits: list[RoleHit]) -> list[RoleLink]:
    """Link the persons of one sentence (sorted by offset) to the role hits of that sentence."""
    links: list[RoleLink] = []
    if not persons:
        return links
    verbs = [h for h in hits if h.phrase.kind == "verb"]
    prev_verb: RoleHit | None = None
    prev_actors: list[PersonSpan] = []
    head = _sentence_head(text, start, end)
    for vi, hit in enumerate(verbs):
        actors: list[PersonSpan] = []
        floor = prev_verb.end if prev_verb else start
        before = [i for i, p in enumerate(persons) if floor <= p.start and p.end <= hit.start]
        object_limit = verbs[vi + 1].start if vi + 1 < len(verbs) else end
        if hit.start == head:
            # A fronted verb: "Làm việc với lãnh đạo tỉnh X, ông Y cho biết ...": the subject
            # follows the first comma, the objects come before it.
            comma = text.find(",", hit.end, end)
            if comma >= 0:
                object_limit = min(object_limit, comma)
                subject = next((p for p in persons if p.start > comma), None)
                if subject and subject.start - comma <= 80 and not _CLAUSE_BREAK_RE.search(text, comma, subject.start):
                    actors = [subject]
        elif before:
            i = before[-1]
            gap = text[persons[i].end:hit.start]
            # "Theo Đại tá X, ..., cơ quan điều tra đã bắt ...": the source of the news is not its subject
            if len(gap) <= MAX_SUBJECT_GAP and _clean_gap(gap) and not _SOURCE_RE.search(
                    text, max(start, persons[i].start - 40), persons[i].start):
                actors = [persons[i]] + [p for p in _coordinated_before(text, persons, i) if p.start >= floor]
        elif prev_verb and _chained(text[prev_verb.end:hit.start]) and not (
                hit.phrase.implies and not hit.phrase.attach_any and "," in text[prev_verb.end:hit.start]):
            # a verb that reports its own event shares a subject only without a comma between:
            # "X đến thăm và làm việc", not "X cho biết, đơn vị vừa cứu sống ..."
            actors = prev_actors  # "X đến dự và phát biểu", "X chủ trì hội nghị và phát biểu"
        for p in actors:
            links.append(RoleLink(p.name, hit.phrase.role, hit, person=p))
        if hit.phrase.object_role:
            for p in persons:
                if p.start < hit.end or p.start >= object_limit or p.start - hit.end > MAX_OBJECT_GAP:
                    continue
                gap = text[hit.end:p.start]
                marks = list(_RECIPIENT_MARK_RE.finditer(gap))
                tail = gap[marks[-1].end():] if marks else gap
                if _CLAUSE_BREAK_RE.search(gap) or _GENITIVE_RE.search(tail) or _OBJECT_STOP_RE.search(gap):
                    continue
                links.append(RoleLink(p.name, hit.phrase.object_role, hit, is_object=True, person=p))
        prev_verb, prev_actors = hit, actors

    for hit in hits:
        kind = hit.phrase.kind
        if kind == "list":
            for p in persons:
                if p.start >= hit.end:
                    links.append(RoleLink(p.name, hit.phrase.role, hit, person=p))
        elif kind == "of":
            after = [i for i, p in enumerate(persons) if p.start >= hit.end]
            if after:
                i = after[0]
                gap = text[hit.end:persons[i].start]
                # "Dẫn đầu phái đoàn Nga là đặc phái viên của Tổng thống X": X is not the one who leads
                if len(gap) <= MAX_GENITIVE_GAP and not _CLAUSE_BREAK_RE.search(gap) and not _GENITIVE_RE.search(gap):
                    for p in [persons[i]] + _coordinated_after(text, persons, i, end):
                        links.append(RoleLink(p.name, hit.phrase.role, hit, person=p))
        elif kind == "noun":
            nxt = next((p for p in persons if p.start >= hit.end), None)
            gap = text[hit.end:nxt.start] if nxt else ""
            if nxt and len(gap) <= 30 and _NOUN_GAP_RE.match(gap) and _titles_only(gap):
                # "bị cáo A và B", "bốn thí sinh: A, B, C và D": the persons listed with it share the role
                for p in [nxt] + _listed_after(text, persons, persons.index(nxt), end):
                    links.append(RoleLink(p.name, hit.phrase.role, hit, person=p))
        elif kind == "front":
            comma = text.find(",", hit.end, min(end, hit.end + 150))
            if comma < 0 or _CLAUSE_BREAK_RE.search(text, hit.end, comma):
                continue
            after = [p for p in persons if p.start > comma]
            if after and after[0].start - comma <= 80 and not _CLAUSE_BREAK_RE.search(text, comma, after[0].start):
                links.append(RoleLink(after[0].name, hit.phrase.role, hit, person=after[0]))
    return links
