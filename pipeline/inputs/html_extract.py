"""Main-text extraction from HTML news pages, via trafilatura (boilerplate-aware, keeps metadata)."""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura

# Below this, what trafilatura found is navigation or a stray label, not an article.
MIN_ARTICLE_WORDS = 5


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None
    date: str | None
    authors: list[str]
    url: str | None


def extract_article(html: str) -> Article | None:
    """Title, main text, date and authors of a news page; None when there is no article text."""
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      favor_precision=True, with_metadata=True)
    if doc is None:
        return None
    text = doc.text or ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return None
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Article(text=text, title=doc.title, date=doc.date, authors=authors, url=doc.url)
