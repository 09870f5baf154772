"""A disk cache for the tokenizer's models (`models.py`), so that a process loads them in ~0.3 s, not ~4 s.

The tables (`models.CRFModel`: the weights as numpy arrays, the per-template value indexes; the text
rules; the dictionary words) are pickled under a key made of underthesea's files and this package's
code that builds them, so a new underthesea model or a change to `crf_model.py`, `crf_rows.py`,
`crf_features.py`, `crf_kernels.py` (whose mode numbers the tables hold), `text_rules.py`,
`models.py` or `normal_form.py` builds them afresh (at the cost of reading the model files, ~30 ms,
to hash them). The folder
is `$VNEXTRACT_CACHE`, else `$XDG_CACHE_HOME/vnextract`, else `~/.cache/vnextract`; if it cannot be
written, the tables are built every time and nothing fails. The four most recently used
versions stay; older ones are removed when a new one is written. Only this package writes these files: a
cache folder is trusted as the user's own, as pip's and spaCy's are.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

_CODE = ("crf_model.py", "crf_rows.py", "crf_features.py", "crf_kernels.py", "text_rules.py", "models.py",
         "../core/normal_form.py")  # fold_tones spells the cached dictionary words


def cache_folder() -> Path:
    if os.environ.get("VNEXTRACT_CACHE"):
        return Path(os.environ["VNEXTRACT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vnextract"


def cache_key(sources: tuple[Path, ...]) -> str:
    """A hash of this package's CRF code and of the source files (a folder: the files in it)."""
    h = hashlib.sha1()
    here = Path(__file__).parent
    model_files = [f for source in sources
                   for f in (sorted(source.iterdir()) if source.is_dir() else [source]) if f.is_file()]
    for path in [*(here / name for name in _CODE), *model_files]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def cached_models(sources: tuple[Path, ...], build: Callable[[], tuple]) -> tuple:
    """The models `build()` makes, from the cache when it holds them for these files and this code."""
    path = cache_folder() / f"crf-{cache_key(sources)}.pickle"
    try:
        with open(path, "rb") as f:
            models = pickle.load(f)
        os.utime(path)  # in use: the last to be pruned
        return models
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass  # not cached yet, unreadable, or from another version of the code: build it
    models = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(models, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)  # atomic: a parallel process reads the old state or the whole file
        _prune(path.parent)
    except OSError:
        pass
    return models


KEEP = 4  # cached versions (~30 MB each): other installs of the package may share the folder


def _prune(folder: Path) -> None:
    """Removes all but the KEEP most recently used cache files (an upgrade leaves one behind)."""
    by_use = sorted(folder.glob("crf-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in by_use[KEEP:]:
        stale.unlink(missing_ok=True)
