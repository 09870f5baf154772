"""Definitions whose letters do not spell the long form: glosses of (mostly foreign) acronyms.

A letter alignment cannot see "tổng sản phẩm trong nước (GDP)" or "Giám đốc Điều hành (CEO)":
the short form is English, the long form Vietnamese. Two signals stand in for the alignment:

- the lexicon: the words before "(" are the lexicon's expansion in the document's own wording,
  sharing at least half its words from the same first word ("tổng sản phẩm trong nước (GDP)" for
  "tổng sản phẩm quốc nội"; "Nhà nước Hồi giáo tự xưng (IS)" for "Nhà nước Hồi giáo");
- a capitalised name phrase before "(" for an unknown all-caps acronym of 3+ letters: "Giám đốc
  Điều hành (CEO)", "Lực lượng Biển hỗn hợp (CMF)". Not a person with a team or a band
  ("Phan Thanh Hậu (HAGL)", "Xiumin (EXO)": a surname or a single word), not a list
  ("Quang Hải, Văn Toàn (HAGL)").
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.core.resource_files import read_list
from pipeline.extract.abbreviations.align import FUNCTION_WORDS, Word, fold_key

MAX_EXTRA_WORDS = 3  # document wording may add a few words to the lexicon's ("… tự xưng")
MAX_NAME_WORDS = 10
MAX_LOWER_RUN = 2
# lowercase words naming the kind of body whose name follows: "đảng Dân chủ Xã hội", "giải Nhà nghề Mỹ"
KIND_WORDS = frozenset(fold_key(w) for w in (
    "đảng", "giải", "tổ chức", "lực lượng", "nhóm", "liên minh", "quỹ", "hiệp hội", "diễn đàn", "hội nghị",
    "chương trình", "hệ thống", "chỉ số", "hiệp định", "dự án", "phong trào", "mặt trận", "hãng", "tập đoàn"))
NOT_NAME_START = frozenset(("theo", "nguồn", "ảnh", "tại", "ông", "bà", "anh", "chị"))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(fold_key(s) for s in read_list("surnames_vi.txt"))


def lexicon_gloss_start(lexicon_longs: list[str], words: list[Word]) -> int | None:
    """Index of the first word of the document's wording of a lexicon expansion ending at words[-1]."""
    folded = [fold_key(w.text) for w in words]
    for long in lexicon_longs:
        sense = fold_key(long).split()
        if len(sense) < 2:
            continue
        lowest = max(0, len(words) - len(sense) - MAX_EXTRA_WORDS)
        for i in range(len(words) - 2, lowest - 1, -1):
            if folded[i] != sense[0]:
                continue
            span = folded[i:]
            shared = sum(min(span.count(w), sense.count(w)) for w in set(sense))
            extra = [w for w in words[i:] if fold_key(w.text) not in sense]
            # added words are the document's modifiers ("… tự xưng"), never a capitalised name
            # ("Nông nghiệp và Phát triển Nông thôn Hà Tĩnh" is the province's department)
            if (shared * 2 >= len(sense) + 1 and shared * 2 >= len(span) and span[-1] not in FUNCTION_WORDS
                    and not any(_capitalised(w.text) for w in extra)):
                return i
    return None


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def name_phrase_start(words: list[Word], text: str) -> int | None:
    """Index of the first word of the capitalised name phrase ending at words[-1], or None.

    Vietnamese capitalises the first syllable of each word of a name ("Giám đốc Điều hành",
    "Lực lượng Biển hỗn hợp"), so the phrase runs back over capitalised syllables with at most
    MAX_LOWER_RUN lowercase syllables between them, and starts at a capitalised one. It needs 2+
    capitalised syllables and one lowercase: a run of capitals only is a person or a brand
    ("Conor McGregor (UFC)"), and a phrase starting with a surname is a person ("Phan Thanh Hậu (HAGL)")."""
    n = len(words)
    if n < 2 or words[-1].text.lower() in FUNCTION_WORDS:
        return None
    start, lower_run, i = None, 0, n - 1
    while i >= 0 and n - i <= MAX_NAME_WORDS:
        if i < n - 1 and text[words[i].end:words[i + 1].start].strip() not in ("", "-", "–"):
            break  # a comma ends the phrase: "Quang Hải, Văn Toàn (HAGL)" is a list
        if _capitalised(words[i].text):
            start, lower_run = i, 0
        else:
            lower_run += 1
            if lower_run > MAX_LOWER_RUN:
                break
        i -= 1
    if start is None:
        return None
    span = words[start:]
    capitals = sum(_capitalised(w.text) for w in span)
    lowercase = sum(w.text[:1].islower() for w in span)
    if capitals < 2 or not lowercase or fold_key(span[0].text) in surnames():
        return None
    if span[0].text.lower() in FUNCTION_WORDS | NOT_NAME_START:
        return None
    # The phrase starts a clause or follows the kind of body it names ("bên cạnh đảng Dân chủ Xã
    # hội (SPD)"); after any other word it is the tail of a longer phrase ("… Hàn Quốc (VSAK)").
    if start > 0:
        gap = text[words[start - 1].end:words[start].start].strip()
        if gap in (",", "-", "–", "—"):
            if _capitalised(words[start - 1].text):
                return None  # a list of names: "khu vực Bắc, Trung Mỹ và Caribbean (CONCACAF)"
        elif not {fold_key(" ".join(w.text for w in words[k:start])) for k in (start - 1, max(0, start - 2))} & KIND_WORDS:
            return None
    return start
