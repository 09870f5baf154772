"""The words around a name that the people scanner reads, from `pipeline/resources/`.

- `context_words(role)`: words before a capitalised run that say it is no person ("đường", "tỉnh",
  "cửa hàng": not_person_before) or an administrative word (admin);
- `cue_modifiers()`: words between a role and the name ("HLV lão làng Lê Thụy Hải");
- `foreign_given_names()`: given names that make a foreign run a person without a title ("Harry Kane");
- `one_word_name_cues()`: roles that only a person holds, so that a short name after them is a person
  ("HLV Conte", "HLV Hữu Thắng");
- `appointment_verbs()`: verbs that give a person the post after them ("giữ chức", "được bổ nhiệm làm");
- `service_branches()`: branches after a rank ("Trung tướng Không quân Mỹ Jeffrey Harrigian");
- `CREDIT_RE`: a photo or text credit right before a name ("Ảnh: Ân Nguyễn").
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.resource_files import read_list, read_table
from pipeline.text.lexical import name_word_texts

CREDIT_RE = re.compile(r"(?:Ảnh|ảnh|Tin|Bài|Video|Clip|Nguồn|Đồ họa|Thực hiện)\s*(?:,\s*ảnh|và ảnh)?\s*:\s*$")


@lru_cache(maxsize=1)
def service_branches() -> tuple[tuple[str, ...], ...]:
    branches = {tuple(name_word_texts(line.casefold())) for line in read_list("service_branches.txt")}
    return tuple(sorted(branches, key=len, reverse=True))


@lru_cache(maxsize=1)
def appointment_verbs() -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[str, ...]]]:
    """(verb phrases, longest first; the words that may stand before them): appointment_verbs.txt."""
    lines = read_list("appointment_verbs.txt")
    cut = lines.index("---")
    verbs = sorted({tuple(line.split()) for line in lines[:cut]}, key=len, reverse=True)
    return tuple(verbs), frozenset(tuple(line.split()) for line in lines[cut + 1:])


@lru_cache(maxsize=1)
def folk_figures() -> frozenset[str]:
    """"ông địa", "bà nguyệt": deities and folk figures named like people (folk_figures.txt)."""
    return frozenset(read_list("folk_figures.txt"))


@lru_cache(maxsize=1)
def foreign_given_names() -> frozenset[str]:
    return frozenset(read_list("foreign_given_names.txt"))


@lru_cache(maxsize=1)
def one_word_name_cues() -> frozenset[str]:
    return frozenset(line.casefold() for line in read_list("one_word_name_cues.txt"))


@lru_cache(maxsize=1)
def cue_modifiers() -> tuple[tuple[str, ...], ...]:
    """resources/cue_modifiers.txt as word tuples, longest first."""
    return tuple(sorted({tuple(line.casefold().split()) for line in read_list("cue_modifiers.txt")}, key=len,
                        reverse=True))


@lru_cache(maxsize=None)
def context_words(role: str) -> frozenset[str]:
    """Words of resources/person_context_words.tsv with that role (not_person_before, admin)."""
    rows = read_table("person_context_words.tsv", header=True)
    return frozenset(word for word, word_role in rows if word_role == role)
