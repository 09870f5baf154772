"""A linear-chain CRF read from a CRFsuite model file: its weights as numpy arrays, decoded per document.

underthesea's word segmenter and POS tagger are CRFsuite models (`models.bin`). Its own tagger
takes one string per feature ("T[-1,0].lower=sẽ khó"), 43 per syllable for the segmenter, and
looks each up by name; building and passing those strings was most of the pipeline's run time.
Here `crf_rows.py` finds each token's attribute rows on integer codes, and the compiled loops of
`crf_kernels.py` add up the emission scores and run CRFsuite's first-order Viterbi (state and
transition weights, no start or end weights; ties go to the lower label index) over all the
sentences of a document at once, so the labels are the model's: the test suite checks them
against underthesea's tagger on real text.

The file layout (little-endian) is CRFsuite's `crf1dm`: a header with the chunk offsets, a FEAT
chunk of (type, source, destination, weight) records (type 0: attribute → label, type 1:
label → label), and two CQDB string tables, for labels and attributes, whose backward arrays map
an id to its string record (id, size, bytes with a trailing NUL).
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from pipeline.text.crf_kernels import best_paths, emission_scores

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
        scores = emission_scores(self.state_weights, np.ascontiguousarray(rows, dtype=np.intp))
        best = best_paths(scores, self.transitions, np.array(lengths, dtype=np.int64)).tolist()
        labels, paths, start = self.labels, [], 0
        for length in lengths:
            paths.append([labels[i] for i in best[start:start + length]])
            start += length
        return paths
