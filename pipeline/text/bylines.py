"""Authors from bylines and photo credits ("Tin, ảnh: PHƯƠNG ANH - TUẤN MINH", "Ảnh: Hoàng Cư",
an article's closing signature "… bày tỏ. Thái An", "ĐỖ CAO (tổng hợp)", "T. Anh").

Names are kept only when every word is a Vietnamese syllable (or an initial), so credits that
name an agency or a foreign site ("Ảnh: Reuters", "Ảnh: Military Today", "Theo VTV") give no
author. Authors come out in title case ("PHƯƠNG ANH" → "Phương Anh"); initials stay as written.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.core.resource_files import read_list as read_resource_list
from pipeline.text.lexical import phrase_alternation

MAX_NAME_WORDS = 4
TERMINAL_PUNCT = ".!?:;…\"”,"

_INITIALS_RE = re.compile(r"^(?:[A-ZĐ]\.){1,3}[A-ZĐ]?\.?$")  # "T.", "P.B", "T.L", "N.T.H."
_TRAILING_NOTE_RE = re.compile(r"\s*\([^()]*\)\s*$")  # "(TTXVN)", "(tổng hợp)", "(Theo NBC)"
_LEADING_NOTE_RE = re.compile(r"^(?:tổng hợp|bài và ảnh|bài, ảnh|tin, ảnh|nhóm pv)\s*:?\s*", re.IGNORECASE)
_HONORIFIC_RE = re.compile(r"^(?:Ông|Bà)\s+")
_NAME_SPLIT_RE = re.compile(r"\s*(?:\s[-–—]\s|[,;/&]|\bvà\b)\s*")


def read_list(name: str) -> list[str]:
    """A list of resources/segment/."""
    return read_resource_list(f"segment/{name}")


@lru_cache(maxsize=None)
def _patterns() -> dict:
    labels = phrase_alternation(read_list("credit_labels.txt"), joiner=r"\s*")
    return {
        "credit_line": re.compile(rf"^\(?\s*(?:{labels})\s*:\s*(?P<names>.+?)\s*\)?\s*\.?$", re.IGNORECASE),
        "credit_in_parens": re.compile(rf"\(\s*(?:{labels})\s*:\s*(?P<names>[^()\n]{{2,80}}?)\s*\)", re.IGNORECASE),
        "photo_credit": re.compile(r"(?<![\w(])(?:Ảnh|Ảnh minh họa)\s*:\s*", re.IGNORECASE),
        "not_author": re.compile(r"\b(?:" + "|".join(re.escape(w) for w in read_list("not_author_names.txt"))
                                 + r")\b", re.IGNORECASE),
    }


def title_case(name: str) -> str:
    """"PHƯƠNG ANH" → "Phương Anh" (Vietnamese names capitalise every syllable); initials kept."""
    return " ".join(w if _INITIALS_RE.match(w) else w[:1].upper() + w[1:].lower() for w in name.split())


def _is_name_word(word: str) -> bool:
    return bool(_INITIALS_RE.match(word)) or (word[:1].isupper() and is_vietnamese_syllable(word))


def _person_name(part: str) -> str | None:
    part = _TRAILING_NOTE_RE.sub("", part).strip(" .-–—")  # "… tăng 72%. Nguyên Hồng -": a signature's dash
    words = part.split()
    if not words or len(words) > MAX_NAME_WORDS or _patterns()["not_author"].search(part):
        return None
    if len(words) == 1 and not _INITIALS_RE.match(words[0]):
        return None  # one plain word is a nickname or a source, not an author we can use
    return title_case(part) if all(_is_name_word(w) for w in words) else None


def author_names(credit: str) -> list[str]:
    """Person names in a credit's name part ("PHƯƠNG ANH - TUẤN MINH"); sources such as Reuters dropped."""
    names = (_person_name(part) for part in _NAME_SPLIT_RE.split(_LEADING_NOTE_RE.sub("", credit.strip())))
    return [n for n in names if n]


def credit_line_names(line: str) -> list[str] | None:
    """A whole line that is a byline ("Tin, ảnh: …", "Ảnh: …"): its author names, else None."""
    m = _patterns()["credit_line"].match(line)
    if m is None or len(line.split()) > 15:
        return None
    return author_names(m.group("names"))


def signature_names(sentence: str) -> list[str] | None:
    """An article's closing signature ("Thái An", "ĐỖ CAO (tổng hợp)", "P.B"): its names, else None.
    "Ông Lê Hoàng Châu" is no signature but a photo caption naming the man shown; with an agency note
    after it ("Ông X (TTXVN)") it is the reporter's signature, the honorific a slip."""
    core = _LEADING_NOTE_RE.sub("", _TRAILING_NOTE_RE.sub("", sentence).strip())
    if not core or core[-1] in TERMINAL_PUNCT or len(core.split()) > 2 * MAX_NAME_WORDS + 1:
        return None
    honorific = _HONORIFIC_RE.match(core)
    if honorific:
        if not _TRAILING_NOTE_RE.search(sentence):
            return None
        core = core[honorific.end():]
    names = author_names(core)
    return names or None


def inline_credit_names(text: str) -> list[str]:
    """Names in photo credits inside running text: "(Ảnh: Minh Anh)", "… Ảnh: Hoàng Cư. Một …"."""
    pats = _patterns()
    names = []
    for m in pats["credit_in_parens"].finditer(text):
        names.extend(author_names(m.group("names")))
    for m in pats["photo_credit"].finditer(text):
        if text[max(0, m.start() - 1):m.start()] == "(":
            continue
        words, delimited = [], False
        for token in text[m.end():m.end() + 80].split(" "):
            head = re.split(r"[/.,;(]", token, maxsplit=1)[0] if not _INITIALS_RE.match(token) else token
            if not head or not _is_name_word(head) or len(words) == MAX_NAME_WORDS:
                break
            words.append(head)
            if head != token or _INITIALS_RE.match(token):
                delimited = True  # "Doãn Tấn/TTXVN", "Hoàng Cư.", "T.L": the name ends here
                break
        else:
            delimited = True
        if len(words) >= 2 and not delimited:
            words = words[:-1]  # "Ảnh: Doãn Tấn Nhân dịp …": the last capital starts the next sentence
        name = _person_name(" ".join(words)) if words else None
        if name:
            names.append(name)
    return names
