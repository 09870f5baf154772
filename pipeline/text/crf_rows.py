"""The attribute rows of sentences for a CRFsuite model, without building feature strings.

`crf_features.CRFFeaturizer` spells out what each template means; this module computes the same
thing the fast way. Templates that differ only by offset share their values: "T[-2]", "T[0]" and
"T[2]" all read one syllable, so the segmenter's 43 templates fall into 10 classes (attribute ×
window width). Per class, each window is looked up once and yields the rows of all the class's
templates; true/false classes (istitle, isdigit, is_in_dict) need no lookup at all. A template's
column is then a shifted read of its class's table, where each sentence's windows are framed by
"BOS" and "EOS" pads. All the sentences of a document go through in one pass, so numpy is called
a few times per document rather than per sentence. The test suite checks the rows against looking
up `CRFFeaturizer`'s strings one by one.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from pipeline.text.crf_features import BOOLEAN_ATTRIBUTES, is_title, parse_template, window_values
from pipeline.text.crf_model import LinearChainCRF

_FALSE, _TRUE, _BOS, _EOS = 0, 1, 2, 3  # value indices of a true/false class


class _TemplateClass:
    """Templates with the same attribute and window width; `offsets[j]` is the j-th one's start."""

    def __init__(self, attribute: str, width: int, names: list[str], offsets: list[int],
                 crf: LinearChainCRF, attribute_rows: dict[str, dict[str, int]]):
        self.attribute, self.width, self.offsets = attribute, width, offsets
        unknown = crf.unknown_row

        def rows_for(value: str) -> list[int]:
            return [attribute_rows[name].get(value, unknown) for name in names]

        self.pad_before = max(0, -min(offsets))
        self.pad_after = max(offsets) + width
        if attribute in BOOLEAN_ATTRIBUTES:
            values = ["False", "True", "BOS", "EOS"]  # in the order of _FALSE, _TRUE, _BOS, _EOS
            self.index = None
        else:
            values = sorted(set().union(*(attribute_rows[name] for name in names)))
            self.index = {value: i for i, value in enumerate(values)}
        # value index → the rows of the class's templates; one more row for unseen values
        self.value_rows = np.array([rows_for(value) for value in values] + [[unknown] * len(names)],
                                   dtype=np.intp)
        unseen = len(values)
        bos, eos = (_BOS, _EOS) if self.index is None else (self.index.get("BOS", unseen), self.index.get("EOS", unseen))
        self.before, self.after = [bos] * self.pad_before, [eos] * self.pad_after

    def value_indices(self, window_values: list) -> list[int]:
        if self.index is None:  # already flags: False/True are 0/1
            return window_values
        get, unseen = self.index.get, len(self.value_rows) - 1
        return [get(v, unseen) for v in window_values]


class TemplateRows:
    """`rows(tokens)` → (templates × tokens) matrix of `crf.state_weights` rows."""

    def __init__(self, templates: list[str], dictionary: set[str], crf: LinearChainCRF):
        self.dictionary = dictionary
        attribute_rows = dict(zip(templates, crf.attribute_rows(templates)))
        grouped: dict[tuple[str, int], list] = defaultdict(list)
        for template in map(parse_template, templates):
            grouped[template.attribute or "", template.last - template.first + 1].append(template)
        self.classes = [
            _TemplateClass(attribute, width, [t.name for t in members], [t.first for t in members],
                           crf, attribute_rows)
            for (attribute, width), members in sorted(grouped.items())]
        # the template behind each row of `rows()`: class by class, in offset order
        self.template_order = [t.name for _, members in sorted(grouped.items()) for t in members]

    def rows(self, tokens: list[str]) -> np.ndarray:
        return self.rows_many([tokens])

    def rows_many(self, sentences: list[list[str]]) -> np.ndarray:
        """(templates × all tokens) for several sentences, each with its own BOS/EOS frame."""
        lengths = np.array([len(tokens) for tokens in sentences], dtype=np.intp)
        total = int(lengths.sum())
        lowered = [[token.lower() for token in tokens] for tokens in sentences]
        titles = [[is_title(token) for token in tokens] for tokens in sentences]
        token_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        columns: list[np.ndarray] = []
        for template_class in self.classes:
            indices: list[int] = []
            window_starts = []  # where each sentence's first window sits in `indices`
            for tokens, lower, title in zip(sentences, lowered, titles):
                indices += template_class.before
                window_starts.append(len(indices))
                values = window_values(template_class.attribute, template_class.width, tokens, lower, title,
                                       self.dictionary)
                indices += template_class.value_indices(values)
                indices += template_class.after
            table = template_class.value_rows[np.array(indices, dtype=np.intp)]
            # token i of sentence s at position p reads window (p + offset) of s
            base = np.repeat(np.array(window_starts, dtype=np.intp) - token_starts, lengths) + np.arange(total)
            columns.extend(table[base + offset, j] for j, offset in enumerate(template_class.offsets))
        return np.stack(columns)
