"""What the feature templates of underthesea's bundled CRFs mean, and their feature strings.

underthesea's word segmenter and POS tagger are CRFs whose inputs are feature strings such as
"T[-1,0].lower=sẽ khó" or "T[0].istitle=True", one list per token, built by
`underthesea_core.CRFFeaturizer`. This module states the template semantics (`parse_template`,
`window_values`), which `crf_rows.py` uses to find attributes without building strings, and
`CRFFeaturizer` spells the strings out: the test suite checks them byte for byte against
underthesea_core on corpus text, which pins the semantics the fast path relies on.

Template semantics, as `CRFFeaturizer` implements them:
- `T[a]` / `T[a,b]`: the tokens at offsets a..b from the current one, joined by a space;
  "BOS" when the window starts before the sentence, else "EOS" when it ends after it.
- `.lower`: lower-cased; `.isdigit`: every character is an ASCII digit;
  `.istitle`: every space-separated word starts with a character that upper-casing leaves
  unchanged (so "2019" and "ABC" count as title); `.is_in_dict`: the lower-cased window is in
  the model's dictionary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(\w+))?$")
_ATTRIBUTES = {None, "lower", "isdigit", "istitle", "is_in_dict"}
BOOLEAN_ATTRIBUTES = {"istitle", "isdigit", "is_in_dict"}


@dataclass(frozen=True)
class _Template:
    name: str
    first: int
    last: int
    attribute: str | None


def parse_template(name: str) -> _Template:
    match = _TEMPLATE.match(name)
    if not match or match.group(3) not in _ATTRIBUTES:
        raise ValueError(f"unsupported CRF feature template: {name!r}")
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) is not None else first
    return _Template(name, first, last, match.group(3))


def is_title(token: str) -> bool:
    if " " not in token:
        return token[:1] == token[:1].upper()
    return all(word[:1] == word[:1].upper() for word in token.split(" "))


def is_digit(token: str) -> bool:
    """`.isdigit`: every character an ASCII digit ("²" and "٣" are not)."""
    return token.isascii() and token.isdigit()


def _windows(values: list[str], width: int) -> list[str]:
    """values[j:j + width] joined by a space, for every start j."""
    if width == 1:
        return values
    return list(map(" ".join, zip(*(values[k:] for k in range(width)))))


def window_values(attribute: str, width: int, tokens: list[str], lowered: list[str], titles: list[bool],
                  dictionary: set[str]) -> list:
    """The value of (attribute, width) for the window starting at each position: strings for the
    text attributes ("" and "lower"), booleans for istitle, isdigit and is_in_dict."""
    if attribute == "":
        return _windows(tokens, width)
    if attribute == "lower":
        return _windows(lowered, width)
    if attribute == "is_in_dict":
        return [v in dictionary for v in _windows(lowered, width)]
    if attribute == "istitle":
        return titles if width == 1 else [all(group) for group in zip(*(titles[k:] for k in range(width)))]
    return [is_digit(v) for v in _windows(tokens, width)]  # isdigit


class CRFFeaturizer:
    """`featurizer(tokens)` → one tuple of feature strings per token, as underthesea_core makes them."""

    def __init__(self, templates: list[str], dictionary: set[str]):
        self.templates = [parse_template(name) for name in templates]
        self.dictionary = dictionary
        self._needed = sorted({(t.attribute or "", t.last - t.first + 1) for t in self.templates})

    def __call__(self, tokens: list[str]) -> list[tuple[str, ...]]:
        """The feature strings of each token ("T[0]=khó", …), exactly as underthesea_core's."""
        prefixed = [list(map((t.name + "=").__add__, column)) for t, column in zip(self.templates, self.columns(tokens))]
        return list(zip(*prefixed))

    def columns(self, tokens: list[str]) -> list[list[str]]:
        """One column per template: the template's value ("khó", "BOS", "True", …) at every token."""
        n = len(tokens)
        if n == 0:
            return [[] for _ in self.templates]
        values = self._window_values(tokens)
        columns = []
        for template in self.templates:
            a, b = template.first, template.last
            n_bos = min(n, max(0, -a))
            n_valid = max(0, n - max(0, b) - n_bos)
            start = n_bos + a  # index, among the windows of this width, of the first valid position
            window_values = values[template.attribute or "", b - a + 1][start:start + n_valid]
            columns.append(["BOS"] * n_bos + window_values + ["EOS"] * (n - n_bos - n_valid))
        return columns

    def _window_values(self, tokens: list[str]) -> dict[tuple[str, int], list[str]]:
        """For each (attribute, width) the templates use: the value of the window at each start."""
        lowered = [token.lower() for token in tokens]
        titles = [is_title(token) for token in tokens]
        values: dict[tuple[str, int], list[str]] = {}
        for attribute, width in self._needed:
            found = window_values(attribute, width, tokens, lowered, titles, self.dictionary)
            values[attribute, width] = [str(v) for v in found] if attribute in BOOLEAN_ATTRIBUTES else found
        return values
