"""A tiny output written by hand: two real-style news sentences a year apart about the same general,
for the cases a short default run may not contain (events with roles, rank changes over time,
missing tables). `conftest.small_out` writes it as Parquet."""
from datetime import date

TEXT_2022 = ("Hội nghị do Trung tướng Nguyễn Mạnh Hùng, Chính ủy Tổng cục Công nghiệp quốc phòng (CNQP), "
             "chủ trì chiều 26/12 tại Hà Nội.")
TEXT_2021 = "Sáng 5/5, Thiếu tướng Nguyễn Mạnh Hùng dự lễ ra quân huấn luyện tại Quảng Ninh."
GENERAL = "per-general"


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def mention_row(doc_id, text, part, label, name, n):
    start, end = span_of(text, part)
    return {"doc_id": doc_id, "mention_id": f"{doc_id}#m{n}", "start": start, "end": end, "text": part,
            "label": label, "entity_id": GENERAL if label == "PERSON" else f"{label.lower()}-{n}", "name": name}


def small_output_tables() -> dict[str, list[dict]]:
    a, b = "tin-2022", "tin-2021"
    event_2022, event_2021 = span_of(TEXT_2022, "Hội nghị"), span_of(TEXT_2021, "lễ ra quân huấn luyện")
    return {
        "documents": [
            {"doc_id": a, "source": "a.txt", "title": "Tổng kết năm", "text": TEXT_2022, "published": date(2022, 12, 27),
             "authors": [], "n_sentences": 1, "n_tokens": 0},
            {"doc_id": b, "source": "b.txt", "title": "Ra quân huấn luyện", "text": TEXT_2021,
             "published": date(2021, 5, 5), "authors": [], "n_sentences": 1, "n_tokens": 0}],
        "mentions": [
            mention_row(a, TEXT_2022, "Nguyễn Mạnh Hùng", "PERSON", "Nguyễn Mạnh Hùng", 0),
            mention_row(a, TEXT_2022, "Tổng cục Công nghiệp quốc phòng", "ORG", "Tổng cục Công nghiệp quốc phòng", 1),
            mention_row(a, TEXT_2022, "Hà Nội", "LOC", "Hà Nội", 2),
            mention_row(b, TEXT_2021, "Nguyễn Mạnh Hùng", "PERSON", "Nguyễn Mạnh Hùng", 3),
            mention_row(b, TEXT_2021, "Quảng Ninh", "LOC", "Quảng Ninh", 4)],
        "entities": [{"entity_id": GENERAL, "label": "PERSON", "name": "Nguyễn Mạnh Hùng", "aliases": ["ông Hùng"],
                      "n_docs": 2, "n_mentions": 2}],
        "appearances": [
            {"doc_id": a, "entity_id": GENERAL, "name": "Nguyễn Mạnh Hùng", "rank": "Trung tướng",
             "titles": ["Chính ủy Tổng cục Công nghiệp quốc phòng"], "n_mentions": 1},
            {"doc_id": b, "entity_id": GENERAL, "name": "Nguyễn Mạnh Hùng", "rank": "Thiếu tướng", "titles": [],
             "n_mentions": 1}],
        "person_roles": [  # the words that gave the rank and the title
            {"doc_id": a, "entity_id": GENERAL, "name": "Nguyễn Mạnh Hùng", "kind": "rank", "value": "Trung tướng",
             **dict(zip(("start", "end"), span_of(TEXT_2022, "Trung tướng"))), "text": "Trung tướng"},
            {"doc_id": a, "entity_id": GENERAL, "name": "Nguyễn Mạnh Hùng", "kind": "title",
             "value": "Chính ủy Tổng cục Công nghiệp quốc phòng", "position": "Chính ủy",
             "organization": "Tổng cục Công nghiệp quốc phòng", "organization_id": "org-1",
             **dict(zip(("start", "end"), span_of(TEXT_2022, "Chính ủy Tổng cục Công nghiệp quốc phòng"))),
             "text": "Chính ủy Tổng cục Công nghiệp quốc phòng"}],
        "dates": [{"doc_id": a, "mention_id": f"{a}#t0", **dict(zip(("start", "end"), span_of(TEXT_2022, "chiều 26/12"))),
                   "text": "chiều 26/12", "value": "2022-12-26", "part_of_day": "chiều", "kind": "date"}],
        "abbreviations": [{"doc_id": a, "short": "CNQP", "long": "Công nghiệp quốc phòng", "defined": True,
                           **dict(zip(("start", "end"), span_of(TEXT_2022, "CNQP"))), "source": "document"}],
        # The event covers the whole report, so it overlaps (and crosses) the other spans.
        "events": [{"doc_id": a, "event_id": f"{a}#e0", "type": "hội nghị", "text": TEXT_2022[event_2022[0]:-1],
                    "date_value": "2022-12-26", "location": "Hà Nội", "start": event_2022[0],
                    "end": len(TEXT_2022) - 1},
                   {"doc_id": b, "event_id": f"{b}#e0", "type": "lễ ra quân", "text": TEXT_2021[slice(*event_2021)],
                    "date_value": "XXXX-05-05", "location": "Quảng Ninh", "start": event_2021[0], "end": event_2021[1]}],
        "event_participants": [
            {"doc_id": a, "event_id": f"{a}#e0", "entity_id": GENERAL, "name": "Nguyễn Mạnh Hùng", "role": "chủ trì"},
            {"doc_id": b, "event_id": f"{b}#e0", "entity_id": GENERAL, "name": "Nguyễn Mạnh Hùng", "role": "dự"}],
        "errors": [{"source": "x.jsonl", "doc_id": "x:3", "stage": "ingest", "error": "JSONDecodeError",
                    "message": "line 3: not valid JSON"}],
    }  # sentences, tokens, legal_refs, person_ranks, … are left out: they must read as empty tables
