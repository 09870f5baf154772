"""Names a role introduces from a distance.

Listed after a plural role: "hai thí sinh khác được chọn là Gia Bảo và Thiên Khôi", "phần thi
của bốn thí sinh: Đức Minh, Quang Minh, Vi Thảo và Yến Xuân". A profession or a player's role, then a
few words without punctuation, then "là", "gồm" or ":" and a list of names closed by "và NAME": each name is a
person with that role as its cue (so a two-word given name counts, as right after the role).

Named by "là" after a position that opens a clause: "còn Bí thư Tỉnh ủy là ông Phạm Duy Cường".

Read as the name, not the role's unit, after a role only a person holds: "HLV Hữu Thắng".

Listed after a cued name, sharing its cue: "giám khảo Isaac, Bích Phương và Văn Mai Hương".

Given by an appointment verb after the name: "ông Đỗ Đức Duy giữ chức Phó bí thư Tỉnh ủy Yên Bái",
"bà X được bổ nhiệm làm Giám đốc Sở Y tế" (resources/appointment_verbs.txt)."""
from __future__ import annotations

from pipeline.extract.gazetteer import is_country
from pipeline.extract.organizations.component import organization_at
from pipeline.extract.people.candidates import Candidate, shared_post
from pipeline.extract.people.context import appointment_verbs, one_word_name_cues
from pipeline.extract.people.names import is_foreign, is_name_word, is_place

_CLAUSE_OPENERS = frozenset({"còn", "và", "nhưng", "thì", "mà"})  # before "Position là ông X"
MAX_GAP_WORDS = 8  # lower-case words between the role and "là": "khác được bộ ba quyền lực chọn"
_LIST_OPENERS = frozenset({"là", "gồm", ":"})


def names_listed_after(scanner, j: int) -> tuple[list[tuple[int, int]], int]:
    """(first, after) token spans of the names listed after the role that ends at token j, and the
    index to resume at; ([], j) when no such list follows."""
    toks = scanner.toks
    k = j
    while k < len(toks) and k - j <= MAX_GAP_WORDS and toks[k].text.casefold() not in _LIST_OPENERS:
        if not toks[k].is_word:
            return [], j  # punctuation before any "là": no list of this role
        k += 1
    if k >= len(toks) or toks[k].text.casefold() not in _LIST_OPENERS:
        return [], j
    spans: list[tuple[int, int]] = []
    i = k + 1
    if i < len(toks) and toks[i].text == ":":  # "bao gồm: A, B và C"
        i += 1
    while i < len(toks):
        found = scanner.name_at(i, triggered=True)
        if found is None or found[2] != i or not 2 <= found[1] - found[2] <= 4:
            return [], j
        spans.append((i, found[1]))
        i = found[1]
        if i < len(toks) and toks[i].text == "," and len(spans) < 10:
            i += 1
        elif i < len(toks) and toks[i].text == "và" and len(spans) < 10:
            i += 1
            found = scanner.name_at(i, triggered=True) if i < len(toks) else None
            if found is None or found[2] != i or not 2 <= found[1] - found[2] <= 4:
                return [], j
            spans.append((i, found[1]))
            return spans, found[1]
        else:
            return [], j
    return [], j


def named_by_la(scanner, i: int, j: int) -> tuple[int, int, int] | None:
    """The name after "là" (and an honorific) that a position opening a clause names: "Bí thư Tỉnh ủy
    là ông X", "Theo đó, Chủ tịch HĐQT là ông Y"; not "Phát ngôn viên của Tổng thống Nga là ông Z" (the
    post of someone else). None when no name follows."""
    if j + 1 >= len(scanner.toks) or scanner.toks[j].text != "là" or not scanner.adjacent(j - 1) or not scanner.adjacent(j):
        return None
    if i > 0 and scanner.toks[i - 1].is_word and scanner.toks[i - 1].text.casefold() not in _CLAUSE_OPENERS:
        return None
    k = j + 1
    honorific = scanner.element(k)
    if honorific is not None and honorific[0].kind == "honorific" and scanner.adjacent(honorific[2] - 1):
        k = honorific[2]
    found = scanner.name_at(k, triggered=True)
    return found if found is not None and found[0] == found[2] else None


def given_name_not_unit(scanner, position: str, org: tuple[int, int, str]) -> bool:
    """"HLV Hữu Thắng nói": after a role only a person holds, two or three capitalised Vietnamese
    words that the organizations stage did not find, and that hold no place, are the name."""
    if position.casefold() not in one_word_name_cues() or organization_at(scanner.text, scanner.organizations, org[0]):
        return False
    words = scanner.text[org[0]:org[1]].split()
    return 2 <= len(words) <= 3 and not is_foreign(words) and all(is_name_word(w) for w in words) \
        and not any(is_place(words[a:b]) or is_country(" ".join(words[a:b]))
                    for a in range(len(words)) for b in range(a + 1, len(words) + 1))


def coordinated_names(scanner, i: int, cued: Candidate, out: list[Candidate]) -> int:
    """Names listed after a cued one share its cue: "giám khảo Isaac, Bích Phương và Văn Mai Hương",
    "các cầu thủ Quang Hải, Đức Chinh và Văn Toàn", "cặp song sinh Trọng Vũ - Trọng Sáng và Hải Thanh".
    Only a list closed by "và NAME" counts ("ông A, Hà Nội" is no list); each name must pass
    `name_at` as after a cue. Returns where to resume."""
    listed: list[Candidate] = []
    j, n = i, len(scanner.toks)
    while j + 1 < n and scanner.toks[j].text in (",", "và", "-", "–"):  # a "." ends a list
        closing = scanner.toks[j].text == "và"
        if scanner.element(j + 1) is not None:  # "… và Tổng thống Mỹ Donald Trump": a cue of its own
            return i
        found = scanner.name_at(j + 1, triggered=True)
        if found is None or found[2] != j + 1 or not 2 <= found[1] - found[2] <= 4:
            return i
        first, after = j + 1, found[1]  # the whole run: "Văn Mai Hương", not "Mai Hương"
        listed.append(Candidate(scanner.toks[first].start, scanner.toks[after - 1].end,
                                [t.text for t in scanner.toks[first:after]], True, cue=cued.cue,
                                cue_text=cued.cue_text, **shared_post(cued)))
        j = after
        if closing:
            out.extend(listed)
            return j
    return i


def appointed_posts(scanner, i: int) -> tuple[list, int] | None:
    """(title items, index after them) of the post an appointment verb at token i gives the name
    before it: "… Đỗ Đức Duy | giữ chức Phó bí thư Tỉnh ủy Yên Bái"; None when no verb and position
    follow. A chain followed by a name is that person's ("ông A làm việc với Chủ tịch B" has no verb)."""
    verbs, modifiers = appointment_verbs()
    words = [w.casefold() for w in scanner.words_from(i, limit=8)]
    k = 0
    while k < len(words):  # "cũng được chỉ định vào …"
        modifier = next((m for m in modifiers if tuple(words[k:k + len(m)]) == m), None)
        if modifier is None:
            break
        k += len(modifier)
    verb = next((v for v in verbs if tuple(words[k:k + len(v)]) == v), None)
    if verb is None and tuple(words[k:k + 2]) in _MEMBERSHIP or words[k:k + 1] == ["vào"]:
        return _post_after_membership(scanner, i + k)
    if verb is None or not scanner.adjacent(i + k + len(verb) - 1):
        return None
    j = i + k + len(verb)
    items, after = scanner.chain(j)
    if not items or items[0].kind != "position":
        return None
    if after < len(scanner.toks) and scanner.adjacent(after - 1) and scanner.name_at(after, True):
        return None
    return items, after


_MEMBERSHIP = {("tham", "gia")}  # "tham gia Ban Chấp hành …", like "vào Ban Chấp hành …"
_HOLDING_VERBS = (("giữ", "chức", "vụ"), ("giữ", "chức", "danh"), ("giữ", "chức"))  # longest first
MAX_MEMBERSHIP_TOKENS = 30


def _post_after_membership(scanner, i: int) -> tuple[list, int] | None:
    """"chỉ định ông Đỗ Đức Duy tham gia Ban Chấp hành, Ban Thường vụ, giữ chức Phó Bí thư Tỉnh ủy Yên
    Bái": the bodies joined come first, the post after ", giữ chức" or "và giữ chức"."""
    toks = scanner.toks
    for k in range(i + 1, min(len(toks), i + MAX_MEMBERSHIP_TOKENS)):
        if toks[k].text in (".", ";", ":", "(", ")", "ông", "bà"):
            return None  # the sentence, or the stretch about this person, ends
        if toks[k].text not in (",", "và"):
            continue
        words = tuple(w.casefold() for w in scanner.words_from(k + 1, limit=3))
        verb = next((v for v in _HOLDING_VERBS if words[:len(v)] == v), None)
        if verb is not None:
            items, after = scanner.chain(k + 1 + len(verb))
            return (items, after) if items and items[0].kind == "position" else None
    return None
