"""The attribute rows of a document's sentences for a CRFsuite model, found on integer codes.

`crf_features.CRFFeaturizer` spells out what each template means ("T[-1,0].lower=sẽ khó"); this
module finds the same attribute rows without building a string per window:

- Each distinct token is looked up once per process (`_TokenTable`): an id for its text, an id
  for its lower-cased text, and its istitle / isdigit flags.
- A window of w tokens is the integer code of its w ids. The values the model knows for a
  template class (attribute × width) are kept as sorted codes, so the windows of a whole document
  are found with one `np.searchsorted` per class. A known value is coded under every way of
  cutting it into w space-joined parts ("Trung tướng Hùng" as "Trung tướng" + "Hùng" and as
  "Trung" + "tướng Hùng"), because the POS tagger's tokens are words that hold spaces: a window
  finds its value whatever its tokens' boundaries, exactly as joining them and looking the string
  up would. A token no known value contains gets the "unknown" id, and no code holds it.
- Templates that differ only by offset share their class's window values; a template's row at a
  token reads its class's window at (token + offset), or the "BOS" / "EOS" row when that window
  starts before the sentence / ends after it.

The test suite checks the rows against looking up `CRFFeaturizer`'s strings one by one.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np

from pipeline.text.crf_features import BOOLEAN_ATTRIBUTES, is_title, parse_template
from pipeline.text.crf_kernels import template_columns
from pipeline.text.crf_model import LinearChainCRF

_FALSE, _TRUE, _BOS, _EOS = 0, 1, 2, 3  # value indices of a true/false class
_RAW, _LOWER, _TITLE, _DIGIT = range(4)  # columns of a token's entry in `_TokenTable`


def _cuts(value: str, width: int) -> list[tuple[str, ...]]:
    """Every way of writing `value` as `width` parts joined by single spaces."""
    if " " not in value:  # most values: one word
        return [(value,)] if width == 1 else []
    pieces = value.split(" ")
    cuts = []
    for inner in combinations(range(1, len(pieces)), width - 1):
        bounds = (0, *inner, len(pieces))
        cuts.append(tuple(" ".join(pieces[a:b]) for a, b in zip(bounds, bounds[1:])))
    return cuts


class _Codes:
    """Window values of one width as integer codes over a part vocabulary: sorted codes for
    several tokens, a table by token id for one."""

    def __init__(self, cut_values: list[tuple[tuple[str, ...], int]], width: int, vocabulary: dict[str, int],
                 missing: int):
        """`cut_values`: (the parts of a known value, its index), under every cut of the value."""
        self.width, self.missing = width, missing
        base = len(vocabulary) + 1  # ids run 0..len-1; len(vocabulary) is the unknown id
        coded: dict[int, int] = {}
        for parts, index in cut_values:
            code = 0
            for part in parts:
                code = code * base + vocabulary[part]
            coded[code] = index
        if width == 1:  # the code is the token's id: index a table instead of searching
            self.by_id = np.full(base, missing, dtype=np.intp)
            self.by_id[list(coded)] = list(coded.values())
        order = sorted(coded)
        self.codes = np.array(order, dtype=np.int64)
        self.indices = np.array([coded[code] for code in order], dtype=np.intp)
        self.base = base

    def find(self, ids: np.ndarray) -> np.ndarray:
        """The value index of the window starting at every position of `ids` (padded by the
        caller with width - 1 unknown ids), or `missing` where no known value matches."""
        n = len(ids) - (self.width - 1)
        if self.width == 1:
            return self.by_id[ids]
        code = ids[:n].copy()
        for k in range(1, self.width):
            code = code * self.base + ids[k:k + n]
        if not len(self.codes):
            return np.full(n, self.missing, dtype=np.intp)
        at = np.minimum(np.searchsorted(self.codes, code), len(self.codes) - 1)
        return np.where(self.codes[at] == code, self.indices[at], self.missing)


class _TemplateClass:
    """Templates with the same attribute and window width; `offsets[j]` is the j-th one's start."""

    def __init__(self, attribute: str, width: int, names: list[str], offsets: list[int],
                 crf: LinearChainCRF, attribute_rows: dict[str, dict[str, int]]):
        self.attribute, self.width = attribute, width
        self.offsets = np.array(offsets, dtype=np.intp)
        unknown = crf.unknown_row

        def rows_for(value: str) -> list[int]:
            return [attribute_rows[name].get(value, unknown) for name in names]

        if attribute in BOOLEAN_ATTRIBUTES:
            self.values = ["False", "True", "BOS", "EOS"]  # in the order of _FALSE, _TRUE, _BOS, _EOS
        else:
            self.values = sorted(set().union(*(attribute_rows[name] for name in names)))
        # value index → the rows of the class's templates; one more row for unseen values
        self.value_rows = np.array([rows_for(v) for v in self.values] + [[unknown] * len(names)], dtype=np.intp)
        self.unseen = len(self.values)
        if attribute in BOOLEAN_ATTRIBUTES:
            self.bos, self.eos = _BOS, _EOS
        else:
            index = {value: i for i, value in enumerate(self.values)}
            self.bos, self.eos = index.get("BOS", self.unseen), index.get("EOS", self.unseen)
        self.codes: _Codes | None = None  # set by TemplateRows once the vocabularies are complete

    def window_indices(self, table: np.ndarray, ids: dict[str, np.ndarray]) -> np.ndarray:
        """The value index of the window starting at every token of the document (`table`:
        the tokens' `_TokenTable` entries); windows that run past a sentence are never read."""
        w, n = self.width, len(table)
        if self.attribute == "istitle":
            flags = np.concatenate([table[:, _TITLE], np.ones(w - 1, dtype=np.int64)])
            return np.minimum.reduce([flags[k:k + n] for k in range(w)]).astype(np.intp)
        if self.attribute == "isdigit":  # a window of several tokens holds a space: never digits
            return table[:, _DIGIT].astype(np.intp) if w == 1 else np.zeros(n, dtype=np.intp)
        return self.codes.find(ids["raw" if self.attribute == "" else "lower"])


class _TokenTable:
    """Per distinct token, once per process: (raw id, lower id, istitle, isdigit)."""

    def __init__(self, raw: dict[str, int], lower: dict[str, int]):
        self.raw, self.lower = raw, lower
        self.row_of: dict[str, int] = {}
        self.entries = np.zeros((0, 4), dtype=np.int64)

    def entries_of(self, tokens: list[str]) -> np.ndarray:
        row_of = self.row_of
        new = [token for token in dict.fromkeys(tokens) if token not in row_of]
        if new:
            if len(row_of) > 2_000_000:  # bound the memory of a very long run
                row_of.clear()
                self.entries = self.entries[:0]
                new = list(dict.fromkeys(tokens))
            unknown_raw, unknown_lower = len(self.raw), len(self.lower)
            added = [(self.raw.get(t, unknown_raw), self.lower.get(t.lower(), unknown_lower),
                      is_title(t), t.isascii() and t.isdigit()) for t in new]
            first = len(self.entries)
            row_of.update((token, first + k) for k, token in enumerate(new))
            self.entries = np.concatenate([self.entries, np.array(added, dtype=np.int64)])
        return self.entries[[row_of[token] for token in tokens]]


class TemplateRows:
    """`rows(tokens)` → (templates × tokens) matrix of `crf.state_weights` rows."""

    def __init__(self, templates: list[str], dictionary: set[str], crf: LinearChainCRF):
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
        self.max_width = max(c.width for c in self.classes)
        self._build_codes(dictionary)

    def _build_codes(self, dictionary: set[str]) -> None:
        """Part vocabularies for raw and lower-cased text, then each class's known codes."""
        known: dict[_TemplateClass, list[tuple[tuple[str, ...], int]]] = {}
        for c in self.classes:
            if c.attribute in ("", "lower"):
                known[c] = [(cut, i) for i, v in enumerate(c.values) for cut in _cuts(v, c.width)]
            elif c.attribute == "is_in_dict":  # an entry is coded with _TRUE, a window of none is _FALSE
                known[c] = [(cut, _TRUE) for v in dictionary for cut in _cuts(v, c.width)]
        parts: dict[str, set[str]] = {"raw": set(), "lower": set()}
        for c, cut_values in known.items():
            parts["raw" if c.attribute == "" else "lower"].update(part for cut, _ in cut_values for part in cut)
        self.vocabularies = {kind: {part: i for i, part in enumerate(sorted(found))} for kind, found in parts.items()}
        for c, cut_values in known.items():
            vocabulary = self.vocabularies["raw" if c.attribute == "" else "lower"]
            c.codes = _Codes(cut_values, c.width, vocabulary, _FALSE if c.attribute == "is_in_dict" else c.unseen)
        self._tokens = _TokenTable(self.vocabularies["raw"], self.vocabularies["lower"])

    def rows(self, tokens: list[str]) -> np.ndarray:
        return self.rows_many([tokens])

    def rows_many(self, sentences: list[list[str]]) -> np.ndarray:
        """(templates × all tokens) for several sentences, each with its own BOS/EOS frame."""
        lengths = np.array([len(tokens) for tokens in sentences], dtype=np.intp)
        total = int(lengths.sum())
        table = self._tokens.entries_of([token for tokens in sentences for token in tokens])
        pad = self.max_width - 1
        ids = {"raw": np.concatenate([table[:, _RAW], np.full(pad, len(self.vocabularies["raw"]))]),
               "lower": np.concatenate([table[:, _LOWER], np.full(pad, len(self.vocabularies["lower"]))])}
        sentence_length = np.repeat(lengths, lengths)
        position = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # within its sentence
        rows = np.empty((len(self.template_order), total), dtype=np.intp)
        first = 0
        for c in self.classes:
            windows = c.window_indices(table, {k: v[:total + c.width - 1] for k, v in ids.items()})
            # a window past the last token is never read; pad so that every read stays in bounds
            windows = np.concatenate([windows, np.full(self.max_width + 2, c.unseen, dtype=np.intp)])
            template_columns(windows, c.value_rows, c.offsets, c.bos, c.eos, c.width, position, sentence_length,
                             rows, first)
            first += len(c.offsets)
        return rows
