"""Research corpora in and out: word-segmented and tokenized text, CoNLL files, export, evaluate."""
from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from pipeline.core.records import RawDocument
from pipeline.inputs.conll import decode_iob, looks_like_conll, read_conll_text
from pipeline.inputs.ingest import read_inputs
from pipeline.inputs.pretokenized import detokenize_text, detokenize_tokens, looks_pretokenized
from pipeline.query.evaluate import evaluate_file, parse_mapping, report_lines

from .conftest import REPO, SEED, SHARED, read, run_cli

SEGMENTED = ("Trung_tướng Nguyễn_Mạnh_Hùng , Chính_ủy Tổng_cục Công_nghiệp quốc_phòng ( CNQP ) , "
             "chủ_trì hội_nghị tại Hà_Nội .")
RUNNING = ("Trung tướng Nguyễn Mạnh Hùng, Chính ủy Tổng cục Công nghiệp quốc phòng (CNQP), "
           "chủ trì hội nghị tại Hà Nội.")
HAND_ANNOTATED = REPO / "tests" / "data" / "baomoi_20_sentences.conll"


# ------------------------------------------------------------------------ pretokenized text

def test_detokenize_writes_running_text_back():
    assert detokenize_text(SEGMENTED) == RUNNING
    assert detokenize_text("Chiều 26 / 12 , tại \" Nhà_hát Lớn \" .") == 'Chiều 26/12, tại "Nhà hát Lớn".'
    assert detokenize_text("Chiều 26 - 12") == "Chiều 26-12"
    assert detokenize_text("theo Nghị_định 100 / 2019 / NĐ - CP lúc 10 : 30 ...") == \
        "theo Nghị định 100/2019/NĐ-CP lúc 10:30..."
    # a dash between words keeps its spaces; lines stay lines
    assert detokenize_text("tuyến Hà_Nội - Hải_Phòng\nCOVID - 19 ;") == "tuyến Hà Nội - Hải Phòng\nCOVID-19;"
    text, spans = detokenize_tokens(["(", "CNQP", ")", ","])
    assert text == "(CNQP)," and [text[s:e] for s, e in spans] == ["(", "CNQP", ")", ","]


def test_detection_finds_pretokenized_text_and_leaves_running_text_alone():
    assert looks_pretokenized(SEGMENTED)
    assert looks_pretokenized("Chiều 26 / 12 , Bộ Quốc phòng tổ chức hội nghị .")
    assert looks_pretokenized("Chiều 26 / 12")
    assert not looks_pretokenized(RUNNING)
    assert not looks_pretokenized("Chiều 26-12, Bộ Quốc phòng tổ chức hội nghị (ảnh: TTXVN).")
    assert not looks_pretokenized(SEED.read_text(encoding="utf-8"))
    corpus = SHARED / "corpus" / "baomoi.jsonl.gz"
    if corpus.exists():  # 0 of the whole corpus's 35,440 articles when measured; the first 2,000 here
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            flagged = [r["id"] for r in map(json.loads, islice(f, 2000)) if looks_pretokenized(r["text"])]
        assert flagged == []


def _extraction(nlp, text: str) -> dict:
    record = nlp(text)._.record
    return {"mentions": sorted((m.label, m.text, m.canonical) for m in record.mentions),
            "appearances": sorted((a.name, a.rank, a.titles) for a in record.appearances),
            "abbreviations": sorted((a.short, a.long) for a in record.abbreviations),
            "dates": sorted((d.text, d.value) for d in record.dates)}


def test_the_issue_examples_extract_what_running_text_extracts(nlp, tmp_path):
    (tmp_path / "segmented.txt").write_text(SEGMENTED + "\n", encoding="utf-8")
    (tmp_path / "dates.txt").write_text("Chiều 26 / 12 , Bộ Quốc_phòng tổ_chức hội_nghị .\n", encoding="utf-8")
    (tmp_path / "dash.txt").write_text("Chiều 26 - 12\n", encoding="utf-8")
    detected = {d.doc_id: d.text.strip() for d in read_inputs([tmp_path])}  # normalize strips the rest
    assert detected["segmented"] == RUNNING
    assert detected["dates"] == "Chiều 26/12, Bộ Quốc phòng tổ chức hội nghị."
    assert detected["dash"] == "Chiều 26 - 12"  # a dash range could be running text: not detected …
    forced = {d.doc_id: d.text.strip() for d in read_inputs([tmp_path], pretokenized=True)}
    assert forced["dash"] == "Chiều 26-12"  # … but --pretokenized writes it back
    assert {d.doc_id: d.text.strip() for d in read_inputs([tmp_path], pretokenized=False)}["segmented"] == SEGMENTED

    got = _extraction(nlp, detected["segmented"])
    assert got == _extraction(nlp, RUNNING)
    assert ("Nguyễn Mạnh Hùng", "Trung tướng", ("Chính ủy Tổng cục Công nghiệp quốc phòng",)) in got["appearances"]
    assert ("ORG", "Tổng cục Công nghiệp quốc phòng", "Tổng cục Công nghiệp quốc phòng") in got["mentions"]
    assert ("LOC", "Hà Nội", "Hà Nội") in got["mentions"]
    assert got["abbreviations"] == [("CNQP", "Công nghiệp quốc phòng")]
    for text in (forced["dash"], detected["dates"]):
        assert [value for _, value in _extraction(nlp, text)["dates"]] == ["XXXX-12-26"]


# ------------------------------------------------------------------------ CoNLL in

PHONER_STYLE = """Chiều O
26/12 B-DATE
, O
Trung_tướng O
Nguyễn_Mạnh_Hùng B-NAME
dự O
hội_nghị O
tại O
Hà_Nội B-LOCATION
. O

Bộ B-ORGANIZATION
Quốc_phòng I-ORGANIZATION
tổ_chức O
# O
1 O
. O
"""

# VLSP 2016 layout: word (syllables joined by spaces), POS, chunk, NER, nested NER; tab-separated
VLSP_STYLE = ("-DOCSTART-\tO\tO\tO\tO\n\n"
              "Công an\tN\tB-NP\tB-ORG\tO\n" "tỉnh\tN\tI-NP\tI-ORG\tO\n" "Hưng Yên\tNp\tI-NP\tI-ORG\tB-LOC\n"
              "bắt\tV\tB-VP\tO\tO\n" "Nguyễn Văn A\tNp\tB-NP\tS-PER\tO\n" ".\tCH\tO\tO\tO\n")


def test_decode_iob_as_conlleval():
    assert decode_iob(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG")]
    assert decode_iob(["S-PER", "B-ORG", "E-ORG", "B_PATIENT_ID"]) == [(0, 1, "PER"), (1, 3, "ORG"), (3, 4, "PATIENT_ID")]


def test_conll_files_become_running_text_with_their_tags():
    (doc,) = read_conll_text(PHONER_STYLE, "phoner", "phoner.conll")
    assert doc.text == "Chiều 26/12, Trung tướng Nguyễn Mạnh Hùng dự hội nghị tại Hà Nội.\nBộ Quốc phòng tổ chức # 1."
    assert [(a.text, a.label, a.layer) for a in doc.annotations] == [
        ("26/12", "DATE", 0), ("Nguyễn Mạnh Hùng", "NAME", 0), ("Hà Nội", "LOCATION", 0),
        ("Bộ Quốc phòng", "ORGANIZATION", 0)]
    assert all(doc.text[a.start:a.end] == a.text for a in doc.annotations)

    (vlsp,) = read_conll_text(VLSP_STYLE, "vlsp", "vlsp.conll")
    assert vlsp.text == "Công an tỉnh Hưng Yên bắt Nguyễn Văn A."
    assert [(a.text, a.label, a.layer) for a in vlsp.annotations] == [  # chunk column skipped
        ("Công an tỉnh Hưng Yên", "ORG", 0), ("Hưng Yên", "LOC", 1), ("Nguyễn Văn A", "PER", 0)]


def test_conll_shaped_txt_files_are_read_as_conll(tmp_path):
    assert looks_like_conll(PHONER_STYLE) and not looks_like_conll(SEED.read_text(encoding="utf-8"))
    (tmp_path / "tagged.txt").write_text(PHONER_STYLE, encoding="utf-8")
    (tmp_path / "bare.txt").write_text("Bộ\nQuốc_phòng\n\nHà_Nội\n.\n", encoding="utf-8")
    (tmp_path / "two.iob").write_text("# doc_id = a\nHà_Nội B-LOC\n\n# doc_id = b\nHuế B-LOC\n", encoding="utf-8")
    (tmp_path / "empty.conll").write_text("\n\n", encoding="utf-8")
    items = {item.doc_id: item for item in read_inputs([tmp_path])}
    assert items["tagged"].text.startswith("Chiều 26/12, Trung tướng") and len(items["tagged"].annotations) == 4
    assert items["bare"].text == "Bộ Quốc phòng\nHà Nội." and items["bare"].annotations == ()
    assert (items["a"].text, items["b"].text) == ("Hà Nội", "Huế")
    assert items["empty"].error == "EmptyDocument"


# ------------------------------------------------------------------------ a run, export and read back

@pytest.fixture(scope="module")
def research_run(tmp_path_factory) -> Path:
    """One run over the issue's examples, a PhoNER-style file and the hand-annotated sentences."""
    root = tmp_path_factory.mktemp("research")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "segmented.txt").write_text(SEGMENTED + "\n", encoding="utf-8")
    (inputs / "phoner.conll").write_text(PHONER_STYLE, encoding="utf-8")
    (inputs / "hand.conll").write_bytes(HAND_ANNOTATED.read_bytes())
    result = run_cli("run", str(inputs), "--out", str(root / "out"), "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_run_keeps_gold_tags_in_input_annotations(research_run):
    docs = read(research_run, "documents")
    texts = dict(zip(docs["doc_id"], docs["text"]))
    assert texts["segmented"] == RUNNING and len(texts) == 22  # 20 hand-annotated sentences, 1 each
    gold = read(research_run, "input_annotations")
    assert all(texts[r.doc_id][r.start:r.end] == r.text for r in gold.itertuples())
    assert set(gold["doc_id"]) == {d for d in texts if d != "segmented"}
    assert len(gold) == 4 + 68 and gold["annotation_id"].is_unique
    assert read(research_run, "errors").empty
    mentions = read(research_run, "mentions")
    assert {"Nguyễn Mạnh Hùng", "Tổng cục Công nghiệp quốc phòng", "Hà Nội"} <= set(
        mentions[mentions.doc_id == "segmented"]["text"])


def _output_spans(out: Path) -> dict[str, set]:
    """doc_id → {(start, end, label)} of what `vnextract export` writes, read from the tables."""
    from pipeline.query.explore import open_output
    from pipeline.query.export import iter_documents

    return {d.doc_id: {(s.start, s.end, s.label) for s in d.spans} for d in iter_documents(open_output(out))}


def test_conll_export_reads_back_to_the_same_sentences_and_spans(research_run, tmp_path):
    exported = tmp_path / "out.conll"
    two = run_cli("export", "--out", str(research_run), "--format", "conll")  # the default: 2 tag columns
    assert two.returncode == 0 and "Trung_tướng\tO\tB-RANK" in two.stdout.splitlines()
    # three deep: "Hưng Yên" in "Công an tỉnh Hưng Yên" in "Cơ quan CSĐT Công an tỉnh Hưng Yên", and "Yên
    # Bái" in "Tỉnh ủy Yên Bái" in the title "Phó Bí thư Tỉnh ủy Yên Bái" ("giữ chức Phó Bí thư …")
    assert "3 the format could not hold" in two.stderr
    result = run_cli("export", "--out", str(research_run), "--format", "conll", "--layers", "3", "--to", str(exported))
    assert result.returncode == 0, result.stderr
    assert "could not hold" not in result.stderr
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert "Trung_tướng\tO\tB-RANK\tO" in lines and "Nguyễn_Mạnh_Hùng\tB-PER\tO\tO" in lines
    assert "Chính_ủy\tO\tB-TITLE\tO" in lines and "Tổng_cục\tB-ORG\tI-TITLE\tO" in lines

    docs = read(research_run, "documents")
    sentences = read(research_run, "sentences")
    expected = _output_spans(research_run)
    back = {d.doc_id: d for d in read_conll_text(exported.read_text(encoding="utf-8"), "out", "out.conll")}
    assert set(back) == set(docs["doc_id"])
    for doc in docs.itertuples():
        rows = sentences[sentences.doc_id == doc.doc_id].sort_values("start")
        starts = list(rows["start"])
        assert back[doc.doc_id].text.split("\n") == [doc.text[s:e] for s, e in zip(starts, rows["end"])]
        read_back = back[doc.doc_id]
        line_starts = [0] + [i + 1 for i, c in enumerate(read_back.text) if c == "\n"]
        assert _in_sentences(line_starts, {(a.start, a.end, a.label) for a in read_back.annotations}) == \
            _in_sentences(starts, expected[doc.doc_id]), doc.doc_id


def _in_sentences(sentence_starts: list[int], spans: set) -> set:
    """(sentence number, start and end within the sentence, label): what a CoNLL file holds."""
    out = set()
    for start, end, label in spans:
        n = sum(s <= start for s in sentence_starts) - 1
        out.add((n, start - sentence_starts[n], end - sentence_starts[n], label))
    return out


def test_jsonl_export_runs_back_to_the_same_text_and_spans(research_run, tmp_path):
    exported = tmp_path / "out.jsonl"
    assert run_cli("export", "--out", str(research_run), "--format", "jsonl", "--to", str(exported)).returncode == 0
    rerun = tmp_path / "rerun"
    result = run_cli("run", str(exported), "--out", str(rerun), "--quiet", "--workers", "1", "--stages", "none")
    assert result.returncode == 0, result.stderr
    original = read(research_run, "documents").set_index("doc_id")
    again = read(rerun, "documents").set_index("doc_id")
    assert again["text"].to_dict() == original["text"].to_dict()
    gold = read(rerun, "input_annotations")
    assert {d: {(r.start, r.end, r.label) for r in g.itertuples()} for d, g in gold.groupby("doc_id")} == {
        d: s for d, s in _output_spans(research_run).items() if s}


def test_docbin_export_holds_text_ents_and_every_span(research_run, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    path = tmp_path / "train.spacy"
    result = run_cli("export", "--out", str(research_run), "--format", "docbin", "--to", str(path))
    assert result.returncode == 0, result.stderr
    texts = dict(zip(*[read(research_run, "documents")[c] for c in ("doc_id", "text")]))
    expected = _output_spans(research_run)
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))
    assert len(docs) == len(texts)
    for doc in docs:
        doc_id = doc.user_data["doc_id"]
        assert doc.text == texts[doc_id]
        assert {(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]} == expected[doc_id]
        ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        assert ents <= expected[doc_id] and {label for *_, label in ents} <= {"PER", "ORG", "LOC", "DATE"}
    segmented = next(d for d in docs if d.user_data["doc_id"] == "segmented")
    assert {(e.text, e.label_) for e in segmented.ents} == {
        ("Nguyễn Mạnh Hùng", "PER"), ("Tổng cục Công nghiệp quốc phòng", "ORG"), ("Hà Nội", "LOC")}
    assert {(s.text, s.label_) for s in segmented.spans["sc"]} >= {
        ("Trung tướng", "RANK"), ("Chính ủy Tổng cục Công nghiệp quốc phòng", "TITLE")}


# ------------------------------------------------------------------------ evaluate

def test_evaluate_scores_a_small_conll_file(nlp, tmp_path):
    path = tmp_path / "small.conll"
    path.write_text(PHONER_STYLE + "\nông O\nLê B-NAME\nVăn I-NAME\nBa I-NAME\n40 B-AGE\ntuổi I-AGE\n", encoding="utf-8")
    evaluation = evaluate_file(path, nlp=nlp)
    scores = {s.label: s for s in evaluation.scores}
    assert set(scores) == {"DATE", "LOC", "ORG", "PER", "ALL"}
    assert evaluation.unscored_gold == {"AGE": 1}
    # "Chiều 26/12" is our date, the file tags "26/12": a miss and a false positive, as conlleval counts
    assert (scores["DATE"].gold, scores["DATE"].predicted, scores["DATE"].correct) == (1, 1, 0)
    assert (scores["LOC"].correct, scores["ORG"].correct) == (1, 1)
    assert scores["PER"].gold == 2 and scores["PER"].correct >= 1
    assert scores["ALL"].gold == 5 and scores["ALL"].precision == scores["ALL"].correct / scores["ALL"].predicted
    assert [s.text for s in evaluation.missed if s.label == "DATE"] == ["26/12"]

    remapped = evaluate_file(path, parse_mapping(["DATE=", "AGE=AGE"]), nlp=nlp)
    labels = [s.label for s in remapped.scores]
    assert "DATE" not in labels and "AGE" in labels  # dropped, and scored (we predict no ages)
    assert next(s for s in remapped.scores if s.label == "AGE").predicted == 0
    with pytest.raises(ValueError):
        parse_mapping(["NAME"])


def test_evaluate_command_on_the_hand_annotated_sentences():
    result = run_cli("evaluate", str(HAND_ANNOTATED))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:6]}
    assert set(rows) == {"DATE", "LOC", "ORG", "PER", "ALL"}
    gold, predicted, correct, p, r, f1 = rows["ALL"]
    assert gold == "68" and "20 document(s)" in result.stdout
    assert float(f1) >= 0.6  # 0.704 when the file was made
    assert run_cli("evaluate", "missing.conll").returncode == 2


def test_evaluate_survives_a_failing_document_and_rejects_an_empty_file(nlp, tmp_path, monkeypatch):
    import pipeline.query.evaluate as evaluate

    path = tmp_path / "two.conll"
    path.write_text("# doc_id = a\nHà_Nội B-LOC\n\n# doc_id = b\nHuế B-LOC\n", encoding="utf-8")
    real = evaluate.predicted_spans

    def failing_on_b(raw, nlp):
        if raw.doc_id == "b":
            raise RuntimeError("boom")
        return real(raw, nlp)

    monkeypatch.setattr(evaluate, "predicted_spans", failing_on_b)
    result = evaluate.evaluate_file(path, nlp=nlp)
    (loc, total) = result.scores
    assert (loc.gold, loc.correct) == (2, 1) and result.failed == ["b: RuntimeError: boom"]
    assert "1 document(s) failed" in "\n".join(report_lines(result))
    empty = tmp_path / "empty.conll"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ValueError):
        evaluate.evaluate_file(empty, nlp=nlp)
