"""Legal document numbers: "Nghị định 100/2019/NĐ-CP", "Thông tư số 31/2016/TT-BXD",
"Quyết định số 123/QĐ-BQP", "Nghị quyết 36-NQ/TW", "Nghị định 15/2020".

The corpus is full of them and their "12/2016" part looks like a month and year, so the dates
stage masks every span found here. A number counts as a legal reference when it carries an issuing
code ("/NĐ-CP", "-QĐ/TW") or, after a document type from resources/dates/legal_doc_types.txt,
a "/year" ("Nghị định 15/2020").
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.dates.values import read_word_list
from pipeline.core.records import LegalRef
from pipeline.text.lexical import phrase_alternation


@lru_cache(maxsize=1)
def _doc_types() -> dict[str, str]:
    """Lower-cased document type → its canonical spelling."""
    return {t.lower(): t for t in read_word_list("legal_doc_types.txt")}


# Issuing code after the number: upper-case led parts joined by "-" ("NĐ-CP", "TT-BXD", "CT-TTg",
# "UBTVQH13", "TTLT-BGDĐT-BNV").
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:[-–][A-ZĐ0-9][A-Za-zĐđ0-9&]*)*"
_NUMBER_WITH_CODE = (
    rf"\d{{1,5}}[a-zđ]?(?:/\d{{2,4}})?/{_CODE}"  # 100/2019/NĐ-CP, 123/QĐ-BQP, 30a/2008/NQ-CP
    rf"|\d{{1,5}}[a-zđ]?-[A-ZĐ][A-Za-zĐđ]*/{_CODE}(?:/{_CODE})?"  # 36-NQ/TW, 102-QĐ/TW
)


_NUMBER_RE = re.compile(
    rf"(?<![\w/])(?:(?P<coded>{_NUMBER_WITH_CODE})|(?P<plain>\d{{1,5}}/(?:19|20)\d\d))(?![\w/])")


@lru_cache(maxsize=1)
def _type_before_re() -> re.Pattern[str]:
    """The document type (and "số") right before a number: searched in the text before it."""
    type_alt = phrase_alternation(_doc_types())
    return re.compile(rf"(?<!\w)(?P<type>{type_alt})\s+(?:số\s+)?$", re.IGNORECASE)


def find_legal_refs(text: str) -> list[LegalRef]:
    """Every legal document number in `text`, sorted by start, with the document type when stated."""
    refs = []
    for m in _NUMBER_RE.finditer(text):
        before = _type_before_re().search(text, max(0, m.start() - 40), m.start())
        if m.group("plain") and before is None:
            continue  # "15/2020" is a legal number only after "Nghị định", "Thông tư"…
        start = before.start() if before else m.start()
        doc_type = _doc_types().get(re.sub(r"\s+", " ", before.group("type").lower())) if before else None
        refs.append(LegalRef(start, m.end(), text[start:m.end()], doc_type, m.group(0)))
    return refs
