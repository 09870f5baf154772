"""The extraction stages behave like spaCy's own components: they declare what they read and set,
the pipeline checks their order, running one twice changes nothing, the result is also in spaCy's
terms (`doc.ents`, `doc.spans`), and `nlp("…")` answers as `vnextract run` does."""
import unicodedata

import pytest
import spacy

from pipeline.core.records import RawDocument
from pipeline.nlp import STAGES, build_nlp, select_stages
from pipeline.run.batch import process_document

SENTENCE = ("Trung tướng Nguyễn Mạnh Hùng, Chính ủy Tổng cục Công nghiệp quốc phòng (CNQP), chủ trì hội nghị "
            "tại Hà Nội chiều 26/12/2022. Đại diện Ủy ban nhân dân tỉnh Nghệ An dự hội nghị.")


def answers(record):
    return ([(m.start, m.end, m.label, m.canonical) for m in record.mentions],
            [(a.name, a.rank, a.titles) for a in record.appearances],
            [(d.start, d.end, d.value) for d in record.dates],
            [(a.short, a.long) for a in record.abbreviations],
            [(e.type, e.start, e.date_value) for e in record.events],
            [(p.name, p.role) for p in record.participants])


def test_running_every_component_twice_changes_nothing(nlp):
    doc = nlp(SENTENCE)
    once = answers(doc._.record)
    assert once[0], "the sentence has mentions"
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert answers(doc._.record) == once
    labels = [m.label for m in doc._.record.mentions]
    assert labels.count("ORG") == len({(m.start, m.end, m.canonical) for m in doc._.record.mentions if m.label == "ORG"})


def test_result_is_in_spacy_terms_too(nlp):
    doc = nlp(SENTENCE)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Nguyễn Mạnh Hùng", "PERSON") in ents
    assert ("Tổng cục Công nghiệp quốc phòng", "ORG") in ents
    assert ("Hà Nội", "LOC") in ents
    assert ("chiều 26/12/2022", "DATE") in ents
    spans = {(s.text, s.label_) for s in doc.spans["vnextract"]}
    assert ("Nghệ An", "LOC") in spans  # nested inside an ORG: in the span group, not in doc.ents
    assert ("Nghệ An", "LOC") not in ents
    assert {("Trung tướng", "RANK"), ("Chính ủy Tổng cục Công nghiệp quốc phòng", "TITLE")} <= spans
    html = spacy.displacy.render(doc, style="ent", page=False)
    assert "Nguyễn Mạnh Hùng" in html and "PERSON" in html


@pytest.mark.parametrize("spelling", ["new tone style", "NFD"])
def test_nlp_normalizes_like_a_run(nlp, spelling):
    text = SENTENCE.replace("Ủy ban", "Uỷ ban")  # the new-style tone placement
    if spelling == "NFD":
        text = unicodedata.normalize("NFD", SENTENCE)
    from_string = nlp(text)._.record
    from_run = process_document(RawDocument("d", "d.txt", text), nlp)
    assert from_string.text == from_run.text == nlp(SENTENCE).text
    assert answers(from_string) == answers(from_run) == answers(nlp(SENTENCE)._.record)
    assert "Ủy ban nhân dân tỉnh Nghệ An" in [m.canonical for m in from_string.mentions]


def test_order_is_checked_when_the_pipeline_is_built():
    swapped = [stage for stage in STAGES if stage[1] != "vi_organizations"]
    swapped.insert(swapped.index(next(s for s in STAGES if s[1] == "vi_events")) + 1,
                   next(s for s in STAGES if s[1] == "vi_organizations"))
    with pytest.raises(ValueError, match="vi_places reads mentions\\[ORG\\], which vi_organizations sets after it"):
        build_nlp(tuple(swapped))


def test_selecting_a_stage_adds_the_stages_it_reads():
    assert [f for _, f in select_stages(("vi_people",))] == ["vi_abbreviations", "vi_organizations", "vi_places",
                                                              "vi_people"]
    assert [f for _, f in select_stages(("vi_dates",))] == ["vi_dates"]
    with pytest.raises(ValueError, match="unknown stage"):
        select_stages(("vi_nothing",))


def test_settings_are_component_config():
    deep = build_nlp(select_stages(("vi_organizations",)))
    flat = build_nlp(select_stages(("vi_organizations",)), config={"vi_organizations": {"max_depth": 0}})
    assert deep.get_pipe("vi_organizations").max_depth == 3
    assert flat.get_pipe("vi_organizations").max_depth == 0
    nested = "Phòng Cảnh sát hình sự Công an tỉnh Nghệ An bắt giữ đối tượng."
    deep_names = {m.canonical for m in deep(nested)._.record.mentions}
    flat_names = {m.canonical for m in flat(nested)._.record.mentions}
    assert "Công an tỉnh Nghệ An" in deep_names  # the nested organization, read at depth 1
    assert "Công an tỉnh Nghệ An" not in flat_names


def test_scanners_read_the_documents_lexical_layer_and_never_split_again(nlp, monkeypatch):
    """The syllables are computed once, by the tokenizer; the name stages only read them."""
    import pipeline.extract.organizations.component as organizations
    import pipeline.extract.people.component as people
    import pipeline.extract.places.component as places
    from pipeline.text.lexical import syllables_of

    doc = nlp.make_doc(SENTENCE)
    record = doc._.record
    assert record.syllables == syllables_of(record.text)
    assert [record.text[s.start:s.end] for s in record.syllables][:4] == ["Trung", "tướng", "Nguyễn", "Mạnh"]

    def split_again(text):
        raise AssertionError("a stage split the document's text again")

    monkeypatch.setattr(organizations, "syllables_of", split_again)
    monkeypatch.setattr(places, "syllables_of", split_again)
    monkeypatch.setattr(people, "syllables_of", split_again)
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert {m.canonical for m in doc._.record.mentions} == {
        "Tổng cục Công nghiệp quốc phòng", "Hà Nội", "Nguyễn Mạnh Hùng", "Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An"}


def test_event_settings_are_component_config():
    nlp = build_nlp(config={"vi_events": {"lead_sentences": 1, "history_years": 2}})
    events = nlp.get_pipe("vi_events")
    assert (events.lead_sentences, events.history_years) == (1, 2)
    assert build_nlp().get_pipe("vi_events").lead_sentences == 3
