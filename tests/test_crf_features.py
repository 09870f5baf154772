"""Our CRF feature builder must give underthesea's models exactly the strings underthesea does."""
import json
from pathlib import Path

import joblib
import pytest
import underthesea.pipeline.pos_tag as pos_package
import underthesea.pipeline.word_tokenize as ws_package
from underthesea import word_tokenize
from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize
from underthesea_core import CRFFeaturizer as RustFeaturizer

from pipeline.text.crf_features import CRFFeaturizer
from pipeline.text.crf_model import LinearChainCRF
from pipeline.text.crf_rows import TemplateRows
from pipeline.inputs.normalize import normalize_document
from pipeline.core.records import RawDocument
from pipeline.text.segment import segment_document
from pipeline.text.tokenize import segment_words, split_syllables, tokenize_document, tokenize_sentence

from .conftest import REPO, SEED

WS_MODEL = Path(ws_package.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"
POS_MODEL = Path(pos_package.__file__).parent / "models" / "pos_crf_vlsp2013_20230303"


def real_sentences() -> list[str]:
    """Every sentence of the seed and of the 20 corpus articles shipped in data/raw."""
    texts = [SEED.read_text(encoding="utf-8")]
    with open(REPO / "data" / "raw" / "samples" / "baomoi_sample.jsonl", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]
    sentences = []
    for i, text in enumerate(texts):
        record = segment_document(normalize_document(RawDocument(str(i), "t", text)))
        sentences += [record.text[s.start:s.end] for s in record.sentences]
    return sentences


@pytest.fixture(scope="module")
def sentences():
    found = real_sentences()
    assert len(found) > 300
    return found


@pytest.mark.parametrize("model", [WS_MODEL, POS_MODEL], ids=["segmenter", "pos"])
def test_features_equal_underthesea_core_on_real_text(model, sentences):
    templates, dictionary = joblib.load(model / "features.bin"), joblib.load(model / "dictionary.bin")
    ours, theirs = CRFFeaturizer(templates, dictionary), RustFeaturizer(templates, dictionary)
    for sentence in sentences:
        tokens = tokenize(sentence) if model == WS_MODEL else word_tokenize(sentence)
        assert list(map(list, ours(tokens))) == theirs.process([[[t] for t in tokens]])[0], sentence


@pytest.mark.parametrize("tokens", [
    ["Hà"], ["2019", "²", "٣", "12.5"], ["ABC", "aBc", "Ab-cd", "ǅ", "İ", "x2", "1A"],
    ["Hà Nội", "HÀ NỘI", "sinh viên", "Sinh viên", "Mc Donald"], ["BOS", "EOS", "=", "T[0]"],
])
def test_features_equal_underthesea_core_on_edge_tokens(tokens):
    templates, dictionary = joblib.load(WS_MODEL / "features.bin"), joblib.load(WS_MODEL / "dictionary.bin")
    expected = RustFeaturizer(templates, dictionary).process([[[t] for t in tokens]])[0]
    assert list(map(list, CRFFeaturizer(templates, dictionary)(tokens))) == expected


def test_unknown_template_is_a_clear_error():
    with pytest.raises(ValueError, match="T\\[0\\].shape"):
        CRFFeaturizer(["T[0]", "T[0].shape"], set())


def test_words_and_tags_equal_underthesea(sentences):
    pos_tagger = FastCRFSequenceTagger()
    pos_tagger.load(str(POS_MODEL))
    for sentence in sentences[:150]:
        words = word_tokenize(sentence)
        assert segment_words(sentence) == words
        tags = [t[2:] if t.startswith(("B-", "I-")) else t for t in pos_tagger.predict([[w] for w in words])]
        assert [tag for _, _, tag in tokenize_sentence(sentence, 0, len(sentence))] == tags


def test_syllables_equal_underthesea_regex_tokenize(sentences):
    odd = ["Ông A. Nguyễn ở TP.HCM lúc 10:20:50 ngày 02/05/2014, giá 4.123,2 đồng :))",
           "xe 43H-0530 e-mail a.b@c.vn http://baomoi.com/x(1) H'Mông v.v... Th.S NĐ-CP °C",
           # chunks whose tokens depend on their neighbours: "Ô." before the end, ":D" before a space
           "ÔNG. BÀ. Đạo diễn :Dương :D xin\tchào  ᾈ Ǆ ǅ ² TP. HCM", "ÔNG.",
           # the text rules read from the model cache: ð/Ð, old-style tone marks, NFD
           "Ðà Nẵng ðồng chuỳ đơì Nôĩ Muĩ, bốn mươi nghàn", "Thu\u0309y ho\u0300a Khánh Hoà"]
    for sentence in sentences + odd:
        assert split_syllables(sentence) == tokenize(sentence), sentence


def test_document_tags_equal_sentence_by_sentence_tags():
    """The batched Viterbi over a document's sentences gives each sentence its own best path."""
    record = segment_document(normalize_document(RawDocument("seed", "seed.txt", SEED.read_text(encoding="utf-8"))))
    by_sentence = [tag for s in record.sentences for _, _, tag in tokenize_sentence(record.text, s.start, s.end)]
    assert len(record.sentences) > 10
    assert [token.pos for token in tokenize_document(record)] == by_sentence


@pytest.mark.parametrize("model", [WS_MODEL, POS_MODEL], ids=["segmenter", "pos"])
def test_template_rows_equal_looking_up_each_feature_string(model, sentences):
    templates, dictionary = joblib.load(model / "features.bin"), joblib.load(model / "dictionary.bin")
    crf = LinearChainCRF.load(model / "models.bin")
    row_of = {name: row for row, name in enumerate(crf.attributes)}
    fast, featurizer = TemplateRows(templates, dictionary, crf), CRFFeaturizer(templates, dictionary)
    edge_cases = [["Hà"], ["Hà", "Nội"], ["2019", "ABC", "x2"]]
    for sentence in sentences[:200] + [" ".join(tokens) for tokens in edge_cases]:
        tokens = tokenize(sentence) if model == WS_MODEL else word_tokenize(sentence)
        expected = {name: [row_of.get(feature[k], crf.unknown_row) for feature in featurizer(tokens)]
                    for k, name in enumerate(templates)}
        rows = fast.rows(tokens)
        assert rows.shape == (len(templates), len(tokens))
        assert {name: list(row) for name, row in zip(fast.template_order, rows)} == expected, sentence


def test_template_rows_stay_the_same_when_the_token_table_starts_afresh(monkeypatch, sentences):
    """A long run empties the per-token table when it grows past its bound: no row may change."""
    templates, dictionary = joblib.load(WS_MODEL / "features.bin"), joblib.load(WS_MODEL / "dictionary.bin")
    crf = LinearChainCRF.load(WS_MODEL / "models.bin")
    unbounded, bounded = TemplateRows(templates, dictionary, crf), TemplateRows(templates, dictionary, crf)
    monkeypatch.setattr(bounded._tokens, "MAX_TOKENS", 40)
    batch = [tokenize(sentence) for sentence in sentences[:60]]
    for start in range(0, len(batch), 3):
        assert (bounded.rows_many(batch[start:start + 3]) == unbounded.rows_many(batch[start:start + 3])).all()
    assert len(bounded._tokens.row_of) <= 40 + max(len(set(s)) for s in batch) * 3
