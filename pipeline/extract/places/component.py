"""Stage: places (LOC) — Vietnamese provinces, cities, districts, regions, countries, named features.

The matching itself is the shared gazetteer (`pipeline/extract/gazetteer.py`): after an
administrative word ("tỉnh Nghệ An", "quận 1"), from the gazetteer alone with context checks ("Hà
Nội", "TP.HCM", "Trung Quốc", but not "anh Hà Giang" or "đường Hà Nội"), and named physical places
("sân bay Tân Sơn Nhất"). Canonical name = the bare name ("Nghệ An"); TP.HCM / TPHCM / Sài Gòn →
"Thành phố Hồ Chí Minh".

Places inside an organization's name: Vietnamese administrative places are kept ("Công an tỉnh Nghệ An"
also yields LOC "Nghệ An": the event happens there and a reader listing places names it), countries are
not ("Liên đoàn Bóng đá Việt Nam" does not yield "Việt Nam"), except a diplomatic posting ("Đại sứ
quán Úc tại Việt Nam"). The organizations come from the record: this stage runs after that one.
"""
from __future__ import annotations

from collections.abc import Sequence


from pipeline.core.records import Document, Mention
from pipeline.extract.gazetteer import feature_places, own_country_names, scan_places
from pipeline.extract.organizations.component import find_organizations, outermost_spans
from pipeline.extract.stage import Stage, labels_set, replace_mentions
from pipeline.extract.written_names import prefer_written_names
from pipeline.text.lexical import Syllable, syllables_of


def find_places(text: str, syllables: tuple[Syllable, ...] | None = None,
                organizations: Sequence[Mention] | None = None) -> list[Mention]:
    """LOC mentions with canonical names. The span covers the name without its administrative word.

    A named physical place ("sân bay Tân Sơn Nhất") is one mention; a place inside it ("bán đảo
    Triều Tiên", "Cảng quốc tế Cam Ranh") is not reported again, as the gold guidelines list a place
    named only inside another name once.
    `organizations`: the document's ORG mentions (found here when not given)."""
    syllables = syllables_of(text) if syllables is None else syllables
    if organizations is None:
        organizations = find_organizations(text, syllables=syllables)
    org_spans = outermost_spans(organizations)
    features = feature_places(text)
    mentions = [Mention(s, e, text[s:e], "LOC", canonical) for s, e, canonical in features]
    k = 0
    for hit in scan_places(text, syllables):
        start, end = syllables[hit.name_first].start, syllables[hit.last - 1].end
        while k < len(org_spans) and org_spans[k][1] <= start:
            k += 1
        inside_org = k < len(org_spans) and org_spans[k][0] <= start and end <= org_spans[k][1]
        posted_to = inside_org and text[max(0, start - 4):start] == "tại "  # "Đại sứ quán Úc tại Việt Nam"
        inside_feature = any(s <= start and end <= e for s, e, _ in features)
        if inside_feature or (inside_org and not posted_to and not hit.domestic):
            continue
        mentions.append(Mention(start, end, text[start:end], "LOC", hit.canonical))
    return sorted(mentions, key=lambda m: (m.start, m.end))


class PlacesComponent(Stage):
    """Reads the syllables and the ORG mentions; sets the LOC mentions."""

    factory = "vi_places"
    reads = ("syllables", "mentions[ORG]")
    sets = ("mentions[LOC]",)

    def process(self, record: Document) -> None:
        organizations = [m for m in record.mentions if m.label == "ORG"]
        found = find_places(record.text, record.syllables or None, organizations)
        replace_mentions(record, labels_set(self.sets), prefer_written_names(found, own_country_names()))
