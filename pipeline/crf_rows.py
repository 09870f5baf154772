"""The attribute rows of a sentence for a CRFsuite model, without building feature strings.

`crf_features.CRFFeaturizer` spells out what each template means; this module computes the same
thing the fast way. Templates that differ only by offset share their values: "T[-2]", "T[0]" and
"T[2]" all read one syllable, so the segmenter's 43 templates fall into 10 classes (attribute ×
window width). Per class, each window of the sentence is looked up once and yields the rows of all
the class's templates; true/false classes (istitle, isdigit, is_in_dict) need no lookup at all.
Each template's column is then a shifted slice, padded with its "BOS"/"EOS" rows. The test suite
checks that the rows equal those of looking up `CRFFeaturizer`'s strings one by one.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .crf_features import _is_title, _parse, _windows
from .crf_model import LinearChainCRF

_BOOLEAN = {"istitle", "isdigit", "is_in_dict"}


class _TemplateClass:
    """Templates with the same attribute and window width; `offsets[j]` is the j-th one's start."""

    def __init__(self, attribute: str, width: int, names: list[str], offsets: list[int],
                 crf: LinearChainCRF, attribute_rows: dict[str, dict[str, int]]):
        self.attribute, self.width, self.offsets = attribute, width, offsets
        unknown = crf.unknown_row

        def rows_for(value: str) -> np.ndarray:
            return np.array([attribute_rows[name].get(value, unknown) for name in names], dtype=np.intp)

        self.pad_before = max(0, -min(offsets))
        self.pad_after = max(offsets) + width
        self.bos = np.tile(rows_for("BOS"), (self.pad_before, 1))
        self.eos = np.tile(rows_for("EOS"), (self.pad_after, 1))
        if attribute in _BOOLEAN:
            self.true_rows, self.false_rows = rows_for("True"), rows_for("False")
        else:
            values = sorted(set().union(*(attribute_rows[name] for name in names)))
            # value → index into `value_rows`; the last row is for values the model never saw
            self.index = {value: i for i, value in enumerate(values)}
            self.value_rows = np.array([rows_for(value) for value in values] + [rows_for("\0unknown")],
                                       dtype=np.intp).reshape(len(values) + 1, len(names))

    def rows(self, window_values) -> np.ndarray:
        """(windows × templates) rows, for the class's window values (strings, or flags)."""
        if self.attribute in _BOOLEAN:
            flags = np.asarray(window_values, dtype=bool).reshape(-1, 1)
            return np.where(flags, self.true_rows, self.false_rows)
        get, unseen = self.index.get, len(self.index)
        return self.value_rows[np.array([get(v, unseen) for v in window_values], dtype=np.intp)]

    def columns(self, window_values, n: int) -> list[np.ndarray]:
        """Each template's rows at the n tokens: windows starting before the sentence are BOS,
        those running past its end EOS (BOS first, as underthesea_core decides)."""
        padded = np.concatenate([self.bos, self.rows(window_values), self.eos])
        start = self.pad_before
        return [padded[start + a:start + a + n, j] for j, a in enumerate(self.offsets)]


class TemplateRows:
    """`rows(tokens)` → (templates × tokens) matrix of `crf.state_weights` rows."""

    def __init__(self, templates: list[str], dictionary: set[str], crf: LinearChainCRF):
        self.dictionary = dictionary
        attribute_rows = dict(zip(templates, crf.attribute_rows(templates)))
        grouped: dict[tuple[str, int], list] = defaultdict(list)
        for template in map(_parse, templates):
            grouped[template.attribute or "", template.last - template.first + 1].append(template)
        self.classes = [
            _TemplateClass(attribute, width, [t.name for t in members], [t.first for t in members],
                           crf, attribute_rows)
            for (attribute, width), members in sorted(grouped.items())]
        # the template behind each row of `rows()`: class by class, in offset order
        self.template_order = [name for (_, _), members in sorted(grouped.items()) for name in
                               (t.name for t in members)]

    def rows(self, tokens: list[str]) -> np.ndarray:
        n = len(tokens)
        lowered = [token.lower() for token in tokens]
        titles = np.array([_is_title(token) for token in tokens], dtype=bool)
        columns: list[np.ndarray] = []
        for template_class in self.classes:
            attribute, width = template_class.attribute, template_class.width
            if attribute == "":
                values = _windows(tokens, width)
            elif attribute == "lower":
                values = _windows(lowered, width)
            elif attribute == "is_in_dict":
                dictionary = self.dictionary
                values = [v in dictionary for v in _windows(lowered, width)]
            elif attribute == "istitle":
                values = (titles if width == 1 else sliding_window_view(titles, width).all(axis=1)
                          if n >= width else np.zeros(0, dtype=bool))
            else:  # isdigit
                values = [v.isascii() and v.isdigit() for v in _windows(tokens, width)]
            columns.extend(template_class.columns(values, n))
        return np.stack(columns)
