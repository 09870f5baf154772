"""Events on unseen news: a recall probe, and a check that old-dated events are flagged historical.

    python benchmarks/bench_events.py probe [--docs 300] [--seed 15] [--label before]
    python benchmarks/bench_events.py history --out DIR     # over a `vnextract run` output folder

probe: from `--docs` random corpus articles (fixed seed), every sentence where a named person (a
people-stage mention) stands within 30 characters of an event verb or noun from
`benchmarks/event_probe_cues.txt` ("X tiếp Y", "đối tượng X", "X chủ trì hội nghị") gives a
(document, person) pair. Recall is the share of those pairs whose person is a participant of some
event of that document. The cue list is fixed, so "before" and "after" count the same pairs; the
pairs are not gold (a person next to "gặp" may only be mentioned), so read it as a trend and sample
the misses by eye (`--misses N` prints N of them). Each run appends a line to
`benchmarks/results/events_probe.jsonl`.

history: events whose date is more than 5 years before their document's frame year (the newest
year of a day or month among the document's dates, else of a bare year) and that are not flagged `historical`. The list must be empty:
an anniversary ceremony takes the day it is held, a recounted past event is flagged.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi.jsonl.gz"
CUES = Path(__file__).resolve().parent / "event_probe_cues.txt"
RESULTS = Path(__file__).resolve().parent / "results" / "events_probe.jsonl"
WINDOW = 30  # characters between a person's name and a cue


def _cue_re() -> re.Pattern[str]:
    cues = [ln.strip() for ln in CUES.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    alt = "|".join(r"\s+".join(map(re.escape, c.split())) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def probe_pairs(record, cue_re: re.Pattern[str]) -> list[tuple[str, str]]:
    """(person, sentence text) for each person mention next to an event cue."""
    text, out = record.text, []
    spans = sorted((s, e, a.name) for a in record.appearances for s, e in a.mention_spans)
    for sent in record.sentences:
        if sent.kind == "byline":
            continue
        cues = [m.span() for m in cue_re.finditer(text, sent.start, sent.end)]
        for s, e, name in spans:
            if sent.start <= s and e <= sent.end and any(
                    0 <= cs - e <= WINDOW or 0 <= s - ce <= WINDOW for cs, ce in cues):
                out.append((name, text[sent.start:sent.end]))
    return out


def probe(docs: int, seed: int, label: str, misses: int) -> None:
    from pipeline.inputs.ingest import record_to_document
    from pipeline.run.batch import process_document

    rows = [json.loads(line) for line in gzip.open(CORPUS, "rt", encoding="utf-8")]
    sample = random.Random(seed).sample(rows, docs)
    cue_re = _cue_re()
    pairs = found = 0
    missed: list[tuple[str, str, str]] = []
    t0 = time.time()
    for row in sample:
        record = process_document(record_to_document(row, row["id"], "probe"))
        if not hasattr(record, "participants"):
            continue
        participants = {p.name for p in record.participants}
        seen = {}
        for name, sentence in probe_pairs(record, cue_re):
            seen.setdefault(name, sentence)
        pairs += len(seen)
        for name, sentence in seen.items():
            if name in participants:
                found += 1
            else:
                missed.append((record.doc_id, name, sentence))
    result = {"when": time.strftime("%Y-%m-%d %H:%M"), "label": label, "docs": docs, "seed": seed,
              "pairs": pairs, "participants": found, "recall": round(found / pairs, 4) if pairs else 0.0,
              "seconds": round(time.time() - t0, 1)}
    print(json.dumps(result, ensure_ascii=False))
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(json.dumps(result, ensure_ascii=False) + "\n")
    for doc_id, name, sentence in random.Random(seed).sample(missed, min(misses, len(missed))):
        print(f"MISS {doc_id} {name}: {sentence[:300]}")


def history(out: str) -> int:
    import duckdb

    rows = duckdb.sql(f"""
        with frame as (
            select doc_id, coalesce(
                max(try_cast(substr(value, 1, 4) as int)) filter (where regexp_matches(value, '^\\d{{4}}-(\\d{{2}}|H|Q)')),
                max(try_cast(substr(value, 1, 4) as int))) as frame_year
            from read_parquet('{out}/dates/*.parquet') group by doc_id)
        select e.doc_id, e.type, e.date_value, f.frame_year, e.text
        from read_parquet('{out}/events/*.parquet') e join frame f using (doc_id)
        where try_cast(substr(e.date_value, 1, 4) as int) < f.frame_year - 5
          and not coalesce(e.historical, false)
        order by e.doc_id""").fetchall()
    for row in rows:
        print("\t".join(str(x) for x in row))
    print(f"{len(rows)} events dated more than 5 years before their document's frame year and not flagged historical")
    return 1 if rows else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("probe")
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--seed", type=int, default=15)
    p.add_argument("--label", default="")
    p.add_argument("--misses", type=int, default=0)
    h = sub.add_parser("history")
    h.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.cmd == "probe":
        probe(args.docs, args.seed, args.label, args.misses)
    else:
        sys.exit(history(args.out))


if __name__ == "__main__":
    main()
