"""Names listed after a plural role: "hai thí sinh khác được chọn là Gia Bảo và Thiên Khôi", "phần thi
của bốn thí sinh: Đức Minh, Quang Minh, Vi Thảo và Yến Xuân". A profession or a player's role, then a
few words without punctuation, then "là", "gồm" or ":" and a list of names closed by "và NAME": each name is a
person with that role as its cue (so a two-word given name counts, as right after the role)."""
from __future__ import annotations

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
