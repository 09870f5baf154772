"""Stage: normalize raw text into the one form every later offset refers to.

- Unicode NFC (Windows-1258 and macOS text arrive with combining tone marks).
- One tone-mark placement for the whole corpus: the traditional one the seed uses
  ("hòa", "thủy", "ủy", "khỏe"), so old and new spellings of a word compare equal.
- Non-breaking, zero-width and other odd spaces; horizontal whitespace collapsed; newlines kept
  (paragraph structure feeds sentence segmentation), trailing blank lines removed.
- Boilerplate: the reader-comment form ("Bình luận / Họ và tên / Email / Nội dung") that news
  sites append is cut from the end of the article.

All transforms keep the text's meaning; `documents.text` is the result.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.core.normal_form import normalize_text
from pipeline.core.records import RawDocument

# The comment form a news site appends after the article: "Bình luận" followed, within a few
# lines, by the form's field labels. Cut from there to the end.
_COMMENT_FORM_RE = re.compile(
    r"\n\s*(?:Bình luận|Ý kiến bạn đọc|Gửi bình luận)\s*\n(?:.*\n){0,8}?\s*(?:Họ và tên|Họ tên|Email)\s*:.*\Z",
    re.DOTALL | re.IGNORECASE,
)


def strip_boilerplate(text: str) -> str:
    """Remove the trailing reader-comment form, if any."""
    return _COMMENT_FORM_RE.sub("", text).rstrip()


def normalize_document(raw: RawDocument) -> RawDocument:
    """The stage's transform: a raw record in, the same record with normalized text and title out."""
    text = strip_boilerplate(normalize_text(raw.text))
    title = normalize_text(raw.title) if raw.title else None
    return replace(raw, text=text, title=title or None)
