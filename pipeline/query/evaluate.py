"""`vnextract evaluate INPUT.conll`: the pipeline scored against a CoNLL file's gold tags.

The file is read as `vnextract run` reads it (`pipeline.inputs.conll`: running text, the tags as
spans of it); the pipeline runs on that text; its spans (mentions PERSON → PER, ORG, LOC; dates →
DATE; RANK and TITLE found as `vnextract export` finds them) are compared with the gold spans of every tag column. A prediction counts when its start,
end and label are exactly a gold span's, as conlleval counts: precision = correct / predicted,
recall = correct / gold, F1 their harmonic mean, per label and over all scored labels (micro).

Labels: both sides go through one mapping (resources/research/label_map.tsv: PhoNER's NAME,
ORGANIZATION, LOCATION, DATE and VLSP's PER, ORG, LOC to ours), which `--map THEIRS=OURS` changes
and `--map THEIRS=` empties. A gold label without a mapping (VLSP's MISC, PhoNER's AGE) is not
scored, and only labels the gold file uses are scored, so a VLSP file, which has no dates, does
not count our dates as false positives.

Nesting: the pipeline finds places inside organization names ("Hưng Yên" in "Công an tỉnh Hưng
Yên"), which a flat file (one tag column, as PhoNER's) never tags. Against such a file the
predictions are flattened as `vnextract export` writes its first column (longer spans first, a
span inside another dropped); `--nested` scores them all, and a file with nested tag columns is
always scored against them all.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.records import InputAnnotation, RawDocument
from pipeline.core.resource_files import read_table
from pipeline.inputs.conll import fit_annotations, read_conll_text
from pipeline.inputs.ingest import decode_bytes
from pipeline.inputs.normalize import normalize_document
from pipeline.nlp import build_nlp
from pipeline.query.export import LabelledSpan, assign_layers, rank_and_title_spans
from pipeline.text.segment import segment_document
from pipeline.text.spacy_doc import make_doc

PREDICTED_LABELS = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "DATE": "DATE"}


def default_label_map() -> dict[str, str]:
    return {theirs: ours for theirs, ours in read_table("research/label_map.tsv", header=True)}


def parse_mapping(pairs: list[str], base: dict[str, str] | None = None) -> dict[str, str]:
    """The label map with "THEIRS=OURS" pairs applied ("THEIRS=" removes THEIRS)."""
    mapping = dict(default_label_map() if base is None else base)
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"--map takes THEIRS=OURS, not {pair!r}")
        theirs, ours = (p.strip() for p in pair.split("=", 1))
        if ours:
            mapping[theirs] = ours
        else:
            mapping.pop(theirs, None)
    return mapping


@dataclass(frozen=True, order=True)
class ScoredSpan:
    doc_id: str
    start: int
    end: int
    label: str
    text: str = field(compare=False)


@dataclass
class LabelScore:
    label: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: list[LabelScore]  # per label, then "ALL" (micro)
    documents: int
    missed: list[ScoredSpan]  # gold spans not predicted
    spurious: list[ScoredSpan]  # predicted spans not in the gold
    unscored_gold: Counter  # gold labels without a mapping
    nested: bool = False  # every predicted span scored, not only the outermost (flat) ones
    failed: list[str] = field(default_factory=list)  # documents the pipeline failed on (scored as empty)


def predicted_spans(raw: RawDocument, nlp) -> tuple[str, list[tuple[int, int, str]], list[InputAnnotation]]:
    """The pipeline on one document: its final text, (start, end, label) of the spans it finds, and
    the document's gold annotations placed in that text."""
    raw = normalize_document(raw)
    record = segment_document(raw)
    doc = make_doc(nlp.vocab, record)
    for _, component in nlp.pipeline:
        doc = component(doc)
    spans = [(m.start, m.end, m.label) for m in record.mentions] + [(d.start, d.end, "DATE") for d in record.dates]
    roles = rank_and_title_spans(record.text, [(s.start, s.end) for s in record.sentences],
                                 [(m.start, m.end, m.canonical) for m in record.mentions if m.label == "PERSON"],
                                 {a.name: (a.rank, list(a.titles)) for a in record.appearances})
    spans += [(r.start, r.end, r.label) for r in roles]
    if raw.annotations:
        shift = len(record.text) - len(raw.text) if record.text.endswith(raw.text) else 0
        record.annotations = fit_annotations(raw.annotations, record.text, shift)
    return record.text, spans, record.annotations


def score(gold: set[ScoredSpan], predicted: set[ScoredSpan], labels: list[str]) -> list[LabelScore]:
    scores = []
    for label in labels:
        g = {s for s in gold if s.label == label}
        p = {s for s in predicted if s.label == label}
        scores.append(LabelScore(label, len(g), len(p), len(g & p)))
    scores.append(LabelScore("ALL", sum(s.gold for s in scores), sum(s.predicted for s in scores),
                             sum(s.correct for s in scores)))
    return scores


def flat(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The PER/ORG/LOC/DATE spans that a single tag column holds (as `vnextract export` writes column
    1: longer spans first, a span inside or across another dropped), RANK and TITLE as they are."""
    entities = [LabelledSpan(s, e, PREDICTED_LABELS[label]) for s, e, label in spans if label in PREDICTED_LABELS]
    (kept,), _ = assign_layers(entities, 1)
    ours = {v: k for k, v in PREDICTED_LABELS.items()}
    return [(k.start, k.end, ours[k.label]) for k in kept] + [s for s in spans if s[2] not in PREDICTED_LABELS]


def evaluate_file(path: Path, mapping: dict[str, str] | None = None, nlp=None, nested: bool | None = None) -> Evaluation:
    """Score the pipeline against the CoNLL file at `path` (see the module doc). `nested`: score
    every predicted span; default: only when the file's gold has more than one tag column."""
    mapping = default_label_map() if mapping is None else mapping
    nlp = nlp or build_nlp()
    path = Path(path)
    text, _, _ = decode_bytes(path.read_bytes())
    gold, predicted, unscored, documents, failed = set(), set(), Counter(), 0, []
    raws = list(read_conll_text(text, path.stem, path.name))
    if nested is None:
        nested = any(a.layer > 0 for raw in raws if isinstance(raw, RawDocument) for a in raw.annotations)
    for raw in raws:
        if not isinstance(raw, RawDocument):
            raise ValueError(f"{path}: {raw.message}")
        documents += 1
        try:
            doc_text, spans, annotations = predicted_spans(raw, nlp)
        except Exception as exc:  # like a run: a failing document costs its predictions, not the score
            failed.append(f"{raw.doc_id}: {type(exc).__name__}: {exc}"[:300])
            doc_text, spans, annotations = raw.text, [], list(raw.annotations)
        spans = spans if nested else flat(spans)
        for a in annotations:
            if a.label in mapping:
                gold.add(ScoredSpan(raw.doc_id, a.start, a.end, mapping[a.label], a.text))
            else:
                unscored[a.label] += 1
        for start, end, label in spans:
            ours = mapping.get(PREDICTED_LABELS.get(label, label))
            if ours:
                predicted.add(ScoredSpan(raw.doc_id, start, end, ours, doc_text[start:end]))
    labels = sorted({s.label for s in gold})
    predicted = {s for s in predicted if s.label in labels}
    return Evaluation(score(gold, predicted, labels), documents, sorted(gold - predicted),
                      sorted(predicted - gold), unscored, nested, failed)


def report_lines(evaluation: Evaluation, details: int = 0) -> list[str]:
    """The evaluation as plain text: one row per label, then ALL; `details` missed/spurious examples."""
    lines = [f"{'label':<8}{'gold':>7}{'pred':>7}{'correct':>9}{'P':>8}{'R':>8}{'F1':>8}"]
    for s in evaluation.scores:
        lines.append(f"{s.label:<8}{s.gold:>7}{s.predicted:>7}{s.correct:>9}"
                     f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    lines.append(f"{evaluation.documents} document(s); exact span and label match (conlleval); "
                 + ("every predicted span scored" if evaluation.nested else
                    "predictions flattened to one tag column (--nested scores them all)"))
    if evaluation.failed:
        lines.append(f"{len(evaluation.failed)} document(s) failed (scored with no predictions): "
                     + "; ".join(evaluation.failed[:3]))
    if evaluation.unscored_gold:
        lines.append("not scored (no mapping; --map THEIRS=OURS): " + ", ".join(
            f"{label} ({n})" for label, n in sorted(evaluation.unscored_gold.items())))
    if details:
        for title, spans in (("missed", evaluation.missed), ("spurious", evaluation.spurious)):
            lines.append(f"{title} ({len(spans)}):")
            lines += [f"  {s.label:<6} {s.text!r}  [{s.doc_id} {s.start}:{s.end}]" for s in spans[:details]]
    return lines
