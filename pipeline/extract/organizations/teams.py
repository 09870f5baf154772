"""National sport teams: "U23 Việt Nam", "U-20 New Zealand", "Đội tuyển U-20 Việt Nam", "đội tuyển
Thái Lan" (resources/sport_teams.tsv, countries from resources/countries_vi.tsv).

Sport news names a team by its age group or the word "đội tuyển" and its country; read as places,
these gave the country a mention it does not have. The canonical name keeps the text's age group and
writes the country in full ("U-20 VN" → "U-20 Việt Nam"); within one document every mention of a
team takes the fullest form the document uses ("Đội tuyển U-20 Việt Nam"), as the gold lists a body
once by its fullest name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.records import Mention
from pipeline.core.resource_files import read_kinds
from pipeline.extract.gazetteer import country_rows
from pipeline.text.lexical import phrase_alternation


@dataclass(frozen=True)
class _TeamLexicon:
    pattern: re.Pattern[str]
    written: dict[str, str]  # folded team word or country alias -> its canonical form


@lru_cache(maxsize=1)
def _lexicon() -> _TeamLexicon:
    kinds = read_kinds("sport_teams.tsv", width=3)
    team_words, age_words, age_groups = ([value for value, _ in kinds.get(kind, [])]
                                         for kind in ("team_word", "age_word", "age_group"))
    countries = {value: canonical for value, canonical in kinds.get("country", [])}
    written = {value.casefold(): canonical for rows in kinds.values() for value, canonical in rows if canonical}
    for country in country_rows():
        if country.type in ("country", "territory"):
            for alias in (country.name, *country.aliases):
                countries.setdefault(alias, country.name)
    for alias, name in countries.items():
        written.setdefault(alias.casefold(), name)

    age = "|".join(age_groups)
    pattern = re.compile(
        rf"(?<![\w-])(?:(?P<team>(?i:{phrase_alternation(team_words)}))\s+(?:(?P<age1>{age})\s+)?"
        rf"|(?:(?P<aged>(?i:{phrase_alternation(age_words)}))\s+)?(?P<age2>{age})\s+)"
        rf"(?P<country>{phrase_alternation(countries)})(?![\w-])")
    return _TeamLexicon(pattern, written)


def sport_teams(text: str) -> list[Mention]:
    """ORG mentions of national teams, each named by its document's fullest form."""
    lex = _lexicon()
    found: list[tuple[int, int, tuple[str, str], str]] = []
    for m in lex.pattern.finditer(text):
        age = m.group("age1") or m.group("age2") or ""
        country = lex.written.get(m.group("country").casefold(), m.group("country"))
        team = lex.written.get(m.group("team").casefold(), m.group("team")) if m.group("team") else ""
        start = m.start("team") if team else m.start("age2")  # "tuyển" is kept out of the span
        name = " ".join(w for w in (team, age, country) if w)
        found.append((start, m.end(), (age.replace("-", "").upper(), country), name))
    fullest: dict[tuple[str, str], str] = {}
    for _, _, key, name in found:
        if len(name) > len(fullest.get(key, "")):
            fullest[key] = name
    return [Mention(s, e, text[s:e], "ORG", fullest[key]) for s, e, key, _ in found]
