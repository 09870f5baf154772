"""The attribute rows of a document's sentences for a CRFsuite model, found on integer codes.

`crf_features.CRFFeaturizer` spells out what each template means ("T[-1,0].lower=sẽ khó"); this
module finds the same attribute rows without building a string per window:

- Each distinct token is looked up once per process (`_TokenTable`): an id for its text, an id
  for its lower-cased text, and its istitle / isdigit flags.
- A window of w tokens is the integer code of its w ids. The values the model knows for a
  template class (attribute × width) are kept as sorted codes (a table by id for one token), and
  `crf_kernels.class_rows` finds a whole document's windows in one compiled call per class. A known value is coded under every way of
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

from pipeline.text.crf_features import BOOLEAN_ATTRIBUTES, is_digit, is_title, parse_template
from pipeline.text.crf_kernels import MODE_BY_ID, MODE_CODES, MODE_FLAG_ALL, MODE_FLAG_ONE, class_rows
from pipeline.text.crf_model import LinearChainCRF

_FALSE, _TRUE, _BOS, _EOS = 0, 1, 2, 3  # value indices of a true/false class
_RAW, _LOWER, _TITLE, _DIGIT = range(4)  # columns of a token's entry in `_TokenTable`
_TOKEN_COLUMN = {"": _RAW, "lower": _LOWER, "is_in_dict": _LOWER, "istitle": _TITLE, "isdigit": _DIGIT}


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


def _coded(cut_values: list[tuple[tuple[str, ...], int]], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(sorted codes, the value index of each): `cut_values` holds the parts of a known value, with
    its index, under every cut of the value; ids run 0..len-1 and len(vocabulary) is "unknown"."""
    base = len(vocabulary) + 1
    coded: dict[int, int] = {}
    for parts, index in cut_values:
        code = 0
        for part in parts:
            code = code * base + vocabulary[part]
        coded[code] = index
    order = sorted(coded)
    return np.array(order, dtype=np.int64), np.array([coded[code] for code in order], dtype=np.int64)


class _TemplateClass:
    """Templates with the same attribute and window width; `offsets[j]` is the j-th one's start."""

    def __init__(self, attribute: str, width: int, names: list[str], offsets: list[int],
                 crf: LinearChainCRF, attribute_rows: dict[str, dict[str, int]]):
        self.attribute, self.width = attribute, width
        self.offsets = np.array(offsets, dtype=np.int64)
        unknown = crf.unknown_row

        def rows_for(value: str) -> list[int]:
            return [attribute_rows[name].get(value, unknown) for name in names]

        if attribute in BOOLEAN_ATTRIBUTES:
            self.values = ["False", "True", "BOS", "EOS"]  # in the order of _FALSE, _TRUE, _BOS, _EOS
        else:
            self.values = sorted(set().union(*(attribute_rows[name] for name in names)))
        # value index → the rows of the class's templates; one more row for unseen values
        self.value_rows = np.array([rows_for(v) for v in self.values] + [[unknown] * len(names)], dtype=np.int64)
        self.unseen = len(self.values)
        if attribute in BOOLEAN_ATTRIBUTES:
            self.bos, self.eos = _BOS, _EOS
        else:
            index = {value: i for i, value in enumerate(self.values)}
            self.bos, self.eos = index.get("BOS", self.unseen), index.get("EOS", self.unseen)
        # how crf_kernels.class_rows finds the window values: from which column of the token table,
        # and (text and dictionary classes) from which known codes, set by TemplateRows._build_codes
        self.token_column = _TOKEN_COLUMN[attribute]
        self.mode = {"istitle": MODE_FLAG_ALL, "isdigit": MODE_FLAG_ONE}.get(
            attribute, MODE_BY_ID if width == 1 else MODE_CODES)
        self.missing = _FALSE if attribute == "is_in_dict" else self.unseen  # a window no known value matches
        self.base = 0
        self.by_id = self.codes = self.indices = np.zeros(0, dtype=np.int64)


class _TokenTable:
    """Per distinct token, once per process: (raw id, lower id, istitle, isdigit)."""

    MAX_TOKENS = 2_000_000  # then start afresh: bounds the memory of a very long run

    def __init__(self, raw: dict[str, int], lower: dict[str, int]):
        self.raw, self.lower = raw, lower
        self.row_of: dict[str, int] = {}
        self.entries = np.zeros((1024, 4), dtype=np.int64)  # rows 0..len(row_of)-1 in use

    def entries_of(self, tokens: list[str]) -> np.ndarray:
        row_of = self.row_of
        rows = [row_of.get(token, -1) for token in tokens]
        if -1 in rows:
            self._add(tokens)
            rows = [row_of[token] for token in tokens]
        return self.entries[rows]

    def _add(self, tokens: list[str]) -> None:
        """Entries for the tokens not in the table yet (for all of them if it starts afresh)."""
        new = [token for token in dict.fromkeys(tokens) if token not in self.row_of]
        if len(self.row_of) + len(new) > self.MAX_TOKENS:
            self.row_of.clear()
            new = list(dict.fromkeys(tokens))
        first, unknown_raw, unknown_lower = len(self.row_of), len(self.raw), len(self.lower)
        if first + len(new) > len(self.entries):  # grow by doubling: amortized constant per token
            grown = np.zeros((max(2 * len(self.entries), first + len(new)), 4), dtype=np.int64)
            grown[:first] = self.entries[:first]
            self.entries = grown
        self.entries[first:first + len(new)] = [
            (self.raw.get(t, unknown_raw), self.lower.get(t.lower(), unknown_lower), is_title(t), is_digit(t))
            for t in new]
        self.row_of.update((token, first + k) for k, token in enumerate(new))


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
        self._build_codes(dictionary)

    def _build_codes(self, dictionary: set[str]) -> None:
        """Part vocabularies for raw and lower-cased text, then each class's known codes."""
        known: dict[_TemplateClass, list[tuple[tuple[str, ...], int]]] = {}
        for c in self.classes:
            if c.attribute in ("", "lower"):
                known[c] = [(cut, i) for i, v in enumerate(c.values) for cut in _cuts(v, c.width)]
            elif c.attribute == "is_in_dict":  # an entry is coded with _TRUE, a window of none is _FALSE
                known[c] = [(cut, _TRUE) for v in dictionary for cut in _cuts(v, c.width)]
        parts: dict[int, set[str]] = {_RAW: set(), _LOWER: set()}
        for c, cut_values in known.items():
            parts[c.token_column].update(part for cut, _ in cut_values for part in cut)
        # part -> id, for the raw and the lower-cased text (keyed by their token-table column)
        self.vocabularies = {column: {part: i for i, part in enumerate(sorted(found))} for column, found in parts.items()}
        for c, cut_values in known.items():
            vocabulary = self.vocabularies[c.token_column]
            c.base = len(vocabulary) + 1
            c.codes, c.indices = _coded(cut_values, vocabulary)
            if c.mode == MODE_BY_ID:  # the code is the token's id: a table by id instead of a search
                c.by_id = np.full(c.base, c.missing, dtype=np.int64)
                c.by_id[c.codes] = c.indices
        self._tokens = _TokenTable(self.vocabularies[_RAW], self.vocabularies[_LOWER])

    def rows(self, tokens: list[str]) -> np.ndarray:
        return self.rows_many([tokens])

    def rows_many(self, sentences: list[list[str]]) -> np.ndarray:
        """(templates × all tokens) for several sentences, each with its own BOS/EOS frame."""
        lengths = np.array([len(tokens) for tokens in sentences], dtype=np.int64)
        total = int(lengths.sum())
        token_columns = np.ascontiguousarray(self._tokens.entries_of([t for tokens in sentences for t in tokens]).T)
        sentence_length = np.repeat(lengths, lengths)
        position = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # within its sentence
        rows = np.empty((len(self.template_order), total), dtype=np.int64)
        first = 0
        for c in self.classes:
            class_rows(token_columns[c.token_column], c.mode, c.width, c.by_id, c.codes, c.indices, c.base, c.missing,
                       c.value_rows, c.offsets, c.bos, c.eos, position, sentence_length, rows, first)
            first += len(c.offsets)
        return rows
