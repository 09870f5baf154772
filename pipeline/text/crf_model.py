"""A linear-chain CRF read from a CRFsuite model file, decoded with Viterbi over numpy weights.

underthesea's word segmenter and POS tagger are CRFsuite models (`models.bin`). Its own tagger
takes one string per feature ("T[-1,0].lower=sẽ khó"), 43 per syllable for the segmenter, and
looks each up by name; building and passing those strings was most of the pipeline's run time.
Here each feature template gets its own table from value ("sẽ khó") to attribute row, so a token's
attributes are found without building a string, and the emission scores of a sentence are one
numpy gather. The decoding is CRFsuite's first-order Viterbi (state and transition weights, no
start or end weights; ties go to the lower label index), so the labels are the model's: the test
suite checks them against underthesea's tagger on real text.

The file layout (little-endian) is CRFsuite's `crf1dm`: a header with the chunk offsets, a FEAT
chunk of (type, source, destination, weight) records (type 0: attribute → label, type 1:
label → label), and two CQDB string tables, for labels and attributes, whose backward arrays map
an id to its string record (id, size, bytes with a trailing NUL).
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_STATE_FEATURE, _TRANSITION_FEATURE = 0, 1


def _string_table(data: bytes, offset: int) -> list[str]:
    """The strings of the CQDB chunk at `offset`, in id order."""
    magic, _size, _flag, _byteorder, count, backward_offset = struct.unpack_from("<4sIIIII", data, offset)
    if magic != b"CQDB":
        raise ValueError(f"not a CQDB string table at byte {offset}")
    strings = []
    for string_id in range(count):
        (record,) = struct.unpack_from("<I", data, offset + backward_offset + 4 * string_id)
        stored_id, size = struct.unpack_from("<II", data, offset + record)
        if stored_id != string_id:
            raise ValueError(f"CQDB record {string_id} holds id {stored_id}")
        strings.append(data[offset + record + 8:offset + record + 7 + size].decode("utf-8"))
    return strings


class LinearChainCRF:
    """Labels, per-attribute state weights and label-to-label transitions of a CRFsuite model."""

    def __init__(self, labels: list[str], attributes: list[str], state_weights: np.ndarray,
                 transitions: np.ndarray):
        self.labels = labels
        self.attributes = attributes
        # one extra all-zero row, the row of every attribute the model does not know
        self.state_weights = np.vstack([state_weights, np.zeros((1, len(labels)))])
        self.unknown_row = len(attributes)
        self.transitions = transitions

    @classmethod
    def load(cls, path: Path | str) -> "LinearChainCRF":
        data = Path(path).read_bytes()
        (magic, _size, model_type, _version, _n_features, n_labels, n_attributes, features_offset,
         labels_offset, attributes_offset, _label_refs, _attribute_refs) = _HEADER.unpack_from(data, 0)
        if magic != b"lCRF" or model_type != b"FOMC":
            raise ValueError(f"{path}: not a CRFsuite first-order model")
        labels = _string_table(data, labels_offset)
        attributes = _string_table(data, attributes_offset)
        if len(labels) != n_labels or len(attributes) != n_attributes:
            raise ValueError(f"{path}: header and string tables disagree")
        chunk, _chunk_size, n_records = struct.unpack_from("<4sII", data, features_offset)
        if chunk != b"FEAT":
            raise ValueError(f"{path}: no FEAT chunk")
        records = np.frombuffer(data, dtype=np.dtype([("type", "<u4"), ("source", "<u4"),
                                                      ("target", "<u4"), ("weight", "<f8")]),
                                count=n_records, offset=features_offset + 12)
        state_weights = np.zeros((n_attributes, n_labels))
        transitions = np.zeros((n_labels, n_labels))
        states = records[records["type"] == _STATE_FEATURE]
        moves = records[records["type"] == _TRANSITION_FEATURE]
        np.add.at(state_weights, (states["source"], states["target"]), states["weight"])
        np.add.at(transitions, (moves["source"], moves["target"]), moves["weight"])
        return cls(labels, attributes, state_weights, transitions)

    def attribute_rows(self, template_names: list[str]) -> list[dict[str, int]]:
        """Per template, value → row of `state_weights` (attribute names are "template=value")."""
        by_template: dict[str, dict[str, int]] = {name: {} for name in template_names}
        for row, attribute in enumerate(self.attributes):
            name, _, value = attribute.partition("=")
            if name in by_template:
                by_template[name][value] = row
        return [by_template[name] for name in template_names]

    def decode_many(self, rows: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """Best label sequences for consecutive sentences of the given lengths, whose
        (templates × tokens) attribute rows stand side by side in `rows`."""
        emissions = self.state_weights[rows].sum(axis=0)  # tokens × labels
        bounds = np.cumsum(lengths)[:-1]
        if len(self.labels) <= 4:
            transitions = self.transitions.tolist()
            paths = [_viterbi_small(e.tolist(), transitions) for e in np.split(emissions, bounds)]
        else:
            paths = _viterbi_batch(np.split(emissions, bounds), self.transitions)
        labels = self.labels
        return [[labels[i] for i in path] for path in paths]


def _viterbi_batch(emissions: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """Viterbi over sentences of different lengths, longest first: at each step only the
    sentences still running advance, so each one gets the path it would get alone."""
    order = sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
    lengths = [len(emissions[i]) for i in order]
    longest, n_labels = lengths[0], transitions.shape[0]
    padded = np.zeros((len(order), longest, n_labels))
    for row, i in enumerate(order):
        padded[row, :lengths[row]] = emissions[i]
    backpointers = np.zeros((len(order), longest, n_labels), dtype=np.intp)
    score = padded[:, 0].copy()
    running = len(order)
    incoming = np.ascontiguousarray(transitions.T)  # label × previous label: reduce the last axis
    for step in range(1, longest):
        while lengths[running - 1] <= step:
            running -= 1
        candidates = score[:running, None, :] + incoming  # sentence × label × previous label
        best = candidates.argmax(axis=2)
        backpointers[:running, step] = best
        score[:running] = np.take_along_axis(candidates, best[:, :, None], axis=2)[:, :, 0] + padded[:running, step]
    paths: list[list[int]] = [[] for _ in order]
    for row, i in enumerate(order):
        path = [int(score[row].argmax())]
        for step in range(lengths[row] - 1, 0, -1):
            path.append(int(backpointers[row, step, path[-1]]))
        paths[i] = path[::-1]
    return paths


def _viterbi_small(emissions: list[list[float]], transitions: list[list[float]]) -> list[int]:
    """`_viterbi_batch` for one sentence in plain Python: faster than numpy calls for 2–4 labels."""
    labels = range(len(transitions))
    score = emissions[0]
    backpointers = []
    for emission in emissions[1:]:
        best_previous, new_score = [], []
        for label in labels:
            best, best_value = 0, score[0] + transitions[0][label]
            for previous in labels[1:]:
                value = score[previous] + transitions[previous][label]
                if value > best_value:
                    best, best_value = previous, value
            best_previous.append(best)
            new_score.append(best_value + emission[label])
        backpointers.append(best_previous)
        score = new_score
    last = max(labels, key=score.__getitem__)  # the first of equal maxima, as argmax
    path = [last]
    for best_previous in reversed(backpointers):
        path.append(best_previous[path[-1]])
    return path[::-1]
