"""People: underthesea's CRF `ner` against our `find_people` on the gold documents, plus throughput.

    .venv/bin/python benchmarks/bench_ner_baseline.py [--gold ../shared/gold/dev] [--throughput 3000]

Scores persons F1 (set of names per document, bylines excluded as goldeval does) and
person_rank_pairs F1 (underthesea knows no ranks: its pairs are always empty) with goldeval's own
normalization. Throughput runs `find_people` over the first N corpus documents on one core, with
tokens=() and, for a smaller slice, with underthesea tokens/POS as the pipeline provides them.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from pipeline.extract.abbreviations.detector import definitions_of, find_abbreviations  # noqa: E402
from pipeline.core.normal_form import normalize_text  # noqa: E402
from pipeline.extract.organizations.component import find_organizations  # noqa: E402
from pipeline.extract.people.component import find_people  # noqa: E402
from pipeline.text.segment import segment_text  # noqa: E402


def _goldeval():
    spec = importlib.util.spec_from_file_location("goldeval", SHARED / "tools" / "goldeval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prf(gold: set, pred: set, acc: list[int]) -> None:
    tp = len(gold & pred)
    acc[0] += tp
    acc[1] += len(pred) - tp
    acc[2] += len(gold) - tp


def f1(acc: list[int]) -> str:
    tp, fp, fn = acc
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"


def underthesea_persons(text: str, sentences) -> set[str]:
    from underthesea import ner

    names = set()
    for s in sentences:
        if s.kind == "byline":
            continue
        current: list[str] = []
        for word, _pos, _chunk, tag in ner(text[s.start:s.end]) + [("", "", "", "O")]:
            if tag == "B-PER" or (tag == "I-PER" and not current):
                if current:
                    names.add(" ".join(current))
                current = [word]
            elif tag == "I-PER":
                current.append(word)
            else:
                if current:
                    names.add(" ".join(current))
                current = []
    return names


def ours(text: str, sentences, tokens=()):
    definitions = definitions_of(find_abbreviations(text))
    return find_people(text, sentences, tokens, definitions)[1]


def score_gold(gold_dir: Path) -> None:
    ge = _goldeval()
    gold = ge.load_gold(gold_dir)
    texts = ge.load_texts(set(gold))
    counts = {k: [0, 0, 0] for k in ("ut_persons", "ut_pairs", "our_persons", "our_pairs", "our_titles")}
    for doc_id, g in gold.items():
        text = normalize_text(texts[doc_id])
        sentences, authors, _ = segment_text(text)
        authors = {ge.norm(a) for a in authors}
        g_people = {ge.norm(p["name"]): p for p in g["persons"] if not p.get("byline")}
        g_pairs = {(n, ge.norm(p["rank"])) for n, p in g_people.items() if p.get("rank")}
        ut = {ge.norm(n) for n in underthesea_persons(text, sentences)} - authors
        prf(set(g_people), ut, counts["ut_persons"])
        prf(g_pairs, set(), counts["ut_pairs"])
        mine = {ge.norm(a.name): a for a in ours(text, sentences) if ge.norm(a.name) not in authors}
        prf(set(g_people), set(mine), counts["our_persons"])
        prf(g_pairs, {(n, ge.norm(a.rank)) for n, a in mine.items() if a.rank}, counts["our_pairs"])
        for n in set(g_people) & set(mine):
            g_titles = [ge.norm(t) for t in g_people[n].get("titles", [])]
            p_titles = [ge.norm(t) for t in mine[n].titles]
            pairs = ge.greedy_match(g_titles, p_titles, ge.lenient_same)
            c = counts["our_titles"]
            c[0] += len(pairs)
            c[1] += len(p_titles) - len(pairs)
            c[2] += len(g_titles) - len(pairs)
    print(f"gold: {gold_dir} ({len(gold)} documents)")
    print(f"  underthesea.ner  persons            {f1(counts['ut_persons'])}")
    print(f"  underthesea.ner  person_rank_pairs  {f1(counts['ut_pairs'])}")
    print(f"  vi_people        persons            {f1(counts['our_persons'])}")
    print(f"  vi_people        person_rank_pairs  {f1(counts['our_pairs'])}")
    print(f"  vi_people        titles_lenient     {f1(counts['our_titles'])}")


def throughput(n_docs: int, with_tokens: int) -> None:
    texts = []
    with gzip.open(SHARED / "corpus" / "baomoi.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(normalize_text(json.loads(line)["text"]))
            if len(texts) >= n_docs:
                break
    prepared = [(t, segment_text(t)[0]) for t in texts]
    syllables = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    n_people = 0
    org_seconds = 0.0
    for t, s in prepared:
        # In the pipeline the organizations stage has already analysed the document (cached);
        # time that analysis separately so the figure is this stage's own cost.
        org_start = time.perf_counter()
        find_organizations(t, {})
        org_seconds += time.perf_counter() - org_start
        n_people += len(find_people(t, s)[1])
    seconds = time.perf_counter() - start - org_seconds
    print(f"throughput tokens=(): {len(texts)} docs, {syllables:,} syllables, {seconds:.1f}s, "
          f"{syllables / seconds:,.0f} syllables/s, {n_people} appearances")
    if with_tokens:
        from pipeline.core.records import Token
        from pipeline.text.tokenize import tokenize_sentence

        subset = prepared[:with_tokens]
        tokenized = []
        for t, sents in subset:
            toks = [Token(s.sent_id, 0, a, b, t[a:b], pos) for s in sents for a, b, pos in tokenize_sentence(t, s.start, s.end)]
            tokenized.append((t, sents, toks))
        syllables = sum(len(t.split()) for t, _ in subset)
        n_people = 0
        seconds = 0.0
        for t, s, toks in tokenized:
            find_organizations(t, {})  # warm, as the organizations stage leaves it in the pipeline
            start = time.perf_counter()
            n_people += len(find_people(t, s, toks)[1])
            seconds += time.perf_counter() - start
        print(f"throughput with tokens (find_people only, tokenization excluded): {len(subset)} docs, "
              f"{syllables:,} syllables, {syllables / seconds:,.0f} syllables/s, {n_people} appearances")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev")
    ap.add_argument("--throughput", type=int, default=0, help="first N corpus documents (0: skip)")
    ap.add_argument("--with-tokens", type=int, default=0, help="of those, M also with underthesea tokens")
    args = ap.parse_args()
    score_gold(args.gold)
    if args.throughput:
        throughput(args.throughput, args.with_tokens)


if __name__ == "__main__":
    main()
