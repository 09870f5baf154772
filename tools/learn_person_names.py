"""Learn, from a corpus run, the short names that the corpus attests as people.

Sport and entertainment news name people by a given name or a stage name alone ("Công Phượng",
"Quang Hải", "Ronaldo", "Nadal"). The people stage reads such a name only after a cue ("tiền đạo
Công Phượng", "HLV Conte") or when the document also writes the full name; otherwise a two-word
Vietnamese run without a surname, or one foreign word, is as often a place, a team or a brand. Across
a corpus, though, the same name is cued again and again. This script reads the `mentions` and
`documents` tables of a `vnextract run` output and keeps a name when:

- it is one foreign word of 4+ letters ("Ronaldo") or 2-3 capitalised words ("Quang Hải");
- in at least `--min-docs` documents a PERSON mention of exactly that text is preceded by a rank,
  a position, an honorific or a profession ("ông Klopp"; a player's role, "tiền vệ Quang Hải", only for a
  Vietnamese name, since "cầu thủ West Ham" names a club), or stands for a longer full name of the same
  document ("Ronaldo" after "Cristiano Ronaldo");
- it is not a place or a country, not a known or learned organization, not a listed non-name, and
  is labelled ORG or LOC in fewer than a tenth of the documents where it is a person.

Only cued mentions count, so a run that already used the learned list learns the same list again.

    python tools/learn_person_names.py OUT --out pipeline/resources/people_learned.tsv

The output is data (one name per line with its evidence), reviewed like any lexicon; names listed in
`resources/people_learned_rejected.txt` are left out. Regenerate it when the corpus grows.
"""
from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

import duckdb

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.core.resource_files import read_list, read_table
from pipeline.extract.gazetteer import is_country
from pipeline.extract.organizations.lexicon import known_organizations, learned_names
from pipeline.extract.people.names import is_name_word, is_place, starts_with_non_name
from pipeline.extract.surnames import is_surname
from pipeline.text.lexical import phrase_key

HEADER = ("# Short names the corpus attests as people, learned from a run by tools/learn_person_names.py\n"
          "# (name <TAB> documents where a cue or the full name shows it is a person <TAB> documents with a\n"
          "# PERSON mention of it). Regenerate, review, commit; reject names in people_learned_rejected.txt.\n"
          "name\tcued_docs\tperson_docs\n")
CUE_WINDOW = 40  # characters before a mention searched for its cue


def cue_pattern(team_roles: bool) -> re.Pattern[str]:
    """A cue that ends the text before a mention: ranks and positions in any case ("Tổng thống",
    "tổng thống"); honorifics and professions in lower case, or capitalised at a sentence start, since
    "Anh" mid-sentence is England ("của Anh West Ham"). `team_roles`: only the roles as often followed
    by a club as by a player ("cầu thủ Chelsea", "tiền vệ Quang Hải"), which count for Vietnamese names."""
    def alternation(words):
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    honorifics = [row for row in read_table("honorifics.tsv") if len(row) > 1 and row[0] != "surface"]
    persons = {word for word, kind in honorifics if (kind == "team_role") == team_roles}
    titles = set() if team_roles else {row[0].casefold() for name in ("positions.tsv", "ranks.tsv")
                                       for row in read_table(name) if row}
    titles.update(w.casefold() for w in ([] if team_roles else read_list("one_word_name_cues.txt")))
    capitalised = {w[:1].upper() + w[1:] for w in persons}
    any_case = rf"(?:^|[\s(\"“,])(?i:{alternation(titles)})|" if titles else ""
    return re.compile(rf"(?:{any_case}(?:^|[\s(\"“,])(?:{alternation(persons)})"
                      rf"|(?:^|[.!?:\n\"“]\s*)(?:{alternation(capitalised)}))\s*(?:,\s*)?$")


def name_shape(name: str) -> bool:
    """One foreign word, two capitalised words, or three that do not open with a Vietnamese surname
    (the people stage reads "Nguyễn Văn A" without any help)."""
    words = name.split()
    if len(words) == 1:
        return len(name) >= 4 and not is_vietnamese_syllable(name) and name[:1].isupper() and not name.isupper()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) \
        and not (len(words) == 3 and is_surname(words[0]) and all(map(is_vietnamese_syllable, words)))


def not_a_person(name: str) -> bool:
    words = name.split()
    key = phrase_key(name)
    return (is_place(words) or is_country(name) or starts_with_non_name(words)
            or key in known_organizations()[0] or key in learned_names()
            or not all(is_name_word(w) for w in words))  # a listed non-name word ("Theo", "Group")


def learn(out: Path, min_docs: int) -> list[tuple[str, int, int]]:
    con = duckdb.connect()
    mentions = con.sql(f"""select m.doc_id, m.start, m.text, m.name, m.label,
                                  substr(d.text, greatest(m.start - {CUE_WINDOW}, 0) + 1,
                                         least(m.start, {CUE_WINDOW})) as before
                           from read_parquet('{out}/mentions/**/*.parquet') m
                           join read_parquet('{out}/documents/**/*.parquet') d using (doc_id)""").fetchall()
    cue_re, team_re = cue_pattern(team_roles=False), cue_pattern(team_roles=True)
    cued, person, other = defaultdict(set), defaultdict(set), defaultdict(set)
    for doc_id, _start, text, canonical, label, before in mentions:
        if label != "PERSON":
            other[text].add(doc_id)
            continue
        if not name_shape(text):
            continue
        person[text].add(doc_id)
        if (len(canonical) > len(text) and canonical.endswith(text)) or cue_re.search(before or "") \
                or (team_re.search(before or "") and all(map(is_vietnamese_syllable, text.split()))):
            cued[text].add(doc_id)
    rejected = set(read_list("people_learned_rejected.txt"))
    learned = [(name, len(cued[name]), len(docs)) for name, docs in person.items()
               if len(cued[name]) >= min_docs and len(other[name]) * 10 < len(docs)
               and name not in rejected and not not_a_person(name)]
    return sorted(learned, key=lambda row: phrase_key(row[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="a `vnextract run` output folder (mentions, documents)")
    parser.add_argument("--out", type=Path, default=Path("pipeline/resources/people_learned.tsv"))
    parser.add_argument("--min-docs", type=int, default=3, help="documents with a cue (default 3)")
    args = parser.parse_args()
    rows = learn(args.run, args.min_docs)
    args.out.write_text(HEADER + "".join(f"{n}\t{c}\t{p}\n" for n, c, p in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}")


if __name__ == "__main__":
    main()
