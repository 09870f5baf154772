import spacy

from pipeline.text.spacy_doc import make_doc
from pipeline.text.tokenize import tokenize_document


def test_multi_syllable_words_are_single_tokens(seed_record):
    record = seed_record
    tokens = tokenize_document(record)
    texts = [t.text for t in tokens]
    assert "Trung tướng" in texts and "Nguyễn Mạnh Hùng" in texts
    person = next(t for t in tokens if t.text == "Nguyễn Mạnh Hùng")
    assert person.pos == "Np"


def test_source_prefix_is_not_glued_to_the_first_word(seed_record):
    texts = [t.text for t in tokenize_document(seed_record)]
    i = texts.index("CNQP&KT")
    assert texts[i + 1] == "-" and texts[i + 2] == "Đó"


def test_token_offsets_are_exact_and_inside_their_sentence(seed_record):
    record = seed_record
    tokens = tokenize_document(record)
    sentences = {s.sent_id: s for s in record.sentences}
    for t in tokens:
        assert record.text[t.start:t.end] == t.text
        assert sentences[t.sent_id].start <= t.start < t.end <= sentences[t.sent_id].end
    assert [t.tok_id for t in tokens] == list(range(len(tokens)))


def test_spacy_doc_reproduces_the_text_and_sentences(seed_record):
    record = seed_record
    doc = make_doc(spacy.blank("xx").vocab, record)
    assert doc.text == record.text
    assert doc._.record is record
    first_words = [s[0].text for s in doc.sents if not s[0].is_space]
    assert "Hội nghị" in first_words


def test_language_tokenizer_is_underthesea(run_until):
    doc = run_until(None, "Đại tướng Phan Văn Giang chủ trì hội nghị.")
    assert [t.text for t in doc][:2] == ["Đại tướng", "Phan Văn Giang"]
    assert doc.text == "Đại tướng Phan Văn Giang chủ trì hội nghị."
