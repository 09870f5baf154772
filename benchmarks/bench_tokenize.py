"""Our word segmentation + POS against underthesea's own, on corpus documents: same output? how fast?

    python benchmarks/bench_tokenize.py [--limit 1000] [--offset 0]

For every sentence of the documents (after our normalize and segment stages), compares
`pipeline.text.tokenize` with `underthesea.word_tokenize` followed by underthesea's POS CRF
(`FastCRFSequenceTagger`, the model `pos_tag` uses), word for word and tag for tag, and times:
- `underthesea.word_tokenize` on whole documents (the baseline of the scale issue),
- underthesea's words and tags sentence by sentence (what the pipeline used to do),
- ours (`tokenize_document`). One process; the result is appended to results/tokenize.jsonl.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_corpus import CORPUS, append_result  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--offset", type=int, default=0)
    args = ap.parse_args()

    import underthesea.pipeline.pos_tag as pos_package
    from underthesea import word_tokenize
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    from pipeline.inputs.normalize import normalize_document
    from pipeline.core.records import RawDocument
    from pipeline.text.segment import segment_document
    from pipeline.text.models import tokenizer_models
    from pipeline.text.tokenize import segment_many, tokenize_document

    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in itertools.islice(f, args.offset, args.offset + args.limit)]
    records = [segment_document(normalize_document(RawDocument(str(i), "corpus", t))) for i, t in enumerate(texts)]
    pos_tagger = FastCRFSequenceTagger()
    pos_tagger.load(str(Path(pos_package.__file__).parent / "models" / "pos_crf_vlsp2013_20230303"))
    word_tokenize("khởi động")
    tokenizer_models()

    started = time.perf_counter()
    for text in texts:
        word_tokenize(text)
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    expected = []
    for record in records:
        for sentence in record.sentences:
            words = word_tokenize(record.text[sentence.start:sentence.end])
            tags = pos_tagger.predict([[w] for w in words]) if words else []
            expected.append((words, [t[2:] if t.startswith(("B-", "I-")) else t for t in tags]))
    underthesea_seconds = time.perf_counter() - started

    started = time.perf_counter()
    tokenized = [tokenize_document(record) for record in records]
    ours_seconds = time.perf_counter() - started

    got = []
    for record, tokens in zip(records, tokenized):
        words = segment_many([record.text[s.start:s.end] for s in record.sentences])
        tags = {s.sent_id: [] for s in record.sentences}
        for token in tokens:
            tags[token.sent_id].append(token.pos)
        got.extend(zip(words, tags.values()))
    different = sum(1 for theirs, ours in zip(expected, got) if theirs != ours)
    append_result("tokenize", {
        "when": time.strftime("%Y-%m-%d %H:%M"), "documents": len(texts), "offset": args.offset,
        "sentences": len(expected), "sentences_different": different,
        "word_tokenize_documents_seconds": round(baseline, 2),
        "underthesea_words_and_tags_seconds": round(underthesea_seconds, 2),
        "ours_words_and_tags_seconds": round(ours_seconds, 2),
        "ours_vs_word_tokenize": round(baseline / ours_seconds, 3),
    })


if __name__ == "__main__":
    main()
