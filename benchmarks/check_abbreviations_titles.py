"""Issue 22 items 5 and 8, measured on an output folder: do titles hold ranks or vary in case, and
does the abbreviation lexicon hold case variants or repeated meanings?

    .venv/bin/python benchmarks/check_abbreviations_titles.py OUT               # the tables as written
    .venv/bin/python benchmarks/check_abbreviations_titles.py OUT --recompute   # corpus tables by this code

Prints: titles holding a rank word (the "Tướng" of "Thủ tướng" is none); groups of distinct titles
equal but for case; abbreviation_lexicon rows, short forms with case variants, (short, long) pairs
equal but for case; corpus-learned `abbreviations` rows. `--recompute` recomputes the corpus-wide
tables from OUT's committed per-document tables with this tree's `corpus_tables` (read only).
"""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RANK_WORD = ("(?i)(^|[\\s,\\-–])(đại tướng|thượng tướng|trung tướng|thiếu tướng|thống tướng|đại tá|thượng tá|"
             "trung tá|thiếu tá|đại úy|thượng úy|trung úy|thiếu úy|đô đốc|chuẩn đô đốc|tướng)($|[\\s,\\-–])")


def main(out: str, recompute: bool) -> None:
    con = duckdb.connect()
    con.execute(f"CREATE VIEW t AS SELECT unnest(titles) AS t FROM read_parquet('{out}/appearances/*.parquet')")
    n, distinct = con.execute("SELECT count(*), count(DISTINCT t) FROM t").fetchall()[0]
    ranked = con.execute(f"SELECT count(*) FROM t WHERE regexp_matches(t, '{RANK_WORD}') "
                         "AND NOT regexp_matches(lower(t), '(thủ|trủ) tướng')").fetchall()[0][0]
    groups, spellings = con.execute("SELECT count(*), coalesce(sum(v), 0) FROM (SELECT lower(t), count(DISTINCT t) AS v "
                                    "FROM t GROUP BY 1 HAVING count(DISTINCT t) > 1)").fetchall()[0]
    print(f"titles {n} ({distinct} distinct); holding a rank word {ranked}; "
          f"groups equal but for case {groups} ({spellings} spellings)")
    if recompute:
        from pipeline.store.corpus import corpus_tables

        tables = corpus_tables(Path(out))
        con.register("lex", tables["abbreviation_lexicon"])
        learned = tables["abbreviations"].num_rows
    else:
        con.execute(f"CREATE VIEW lex AS SELECT * FROM read_parquet('{out}/abbreviation_lexicon/*.parquet')")
        learned = con.execute(f"SELECT count(*) FROM read_parquet('{out}/abbreviations/*.parquet') "
                              "WHERE source = 'corpus'").fetchall()[0][0]
    rows = con.execute("SELECT count(*) FROM lex").fetchall()[0][0]
    case = con.execute("SELECT count(*) FROM (SELECT upper(short) FROM lex GROUP BY 1 "
                       "HAVING count(DISTINCT short) > 1)").fetchall()[0][0]
    long_case = con.execute("SELECT count(*) FROM (SELECT short, lower(long) FROM lex GROUP BY ALL "
                            "HAVING count(*) > 1)").fetchall()[0][0]
    print(f"abbreviation_lexicon rows {rows}; short forms with case variants {case}; "
          f"pairs equal but for case {long_case}; corpus-learned abbreviations rows {learned}")


if __name__ == "__main__":
    main(sys.argv[1], "--recompute" in sys.argv[2:])
