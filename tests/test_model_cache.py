"""The tokenizer's CRF tables come from a disk cache after the first build (pipeline/text/model_cache.py)."""
from __future__ import annotations

import os
import subprocess
import sys

from pipeline.text import models, tokenize
from pipeline.text.model_cache import cached_models

SENTENCE = "Trung tướng Nguyễn Mạnh Hùng chủ trì hội nghị tổng kết công tác Đảng năm 2022."


def test_the_models_are_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VNEXTRACT_CACHE", str(tmp_path / "cache"))
    directories = models.model_directories()
    builds = []

    def build():
        builds.append(1)
        return tuple(models.CRFModel(d) for d in directories)

    first = cached_models(directories, build)
    second = cached_models(directories, build)
    assert len(builds) == 1 and len(os.listdir(tmp_path / "cache")) == 1
    # the cached tables tag a real sentence exactly as freshly built ones do
    syllables = tokenize.split_syllables(SENTENCE)
    assert first[0].tag(syllables) == second[0].tag(syllables)
    assert "I-W" in second[0].tag(syllables)  # "Trung tướng", "Nguyễn Mạnh Hùng" are one word each


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("VNEXTRACT_CACHE", str(blocker / "cache"))
    directories = models.model_directories()
    built = cached_models(directories, lambda: tuple(models.CRFModel(d) for d in directories))
    assert built[1].tag(["Nguyễn Mạnh Hùng", "chủ trì", "hội nghị"])[0] == "B-Np"


def test_a_run_with_the_cache_built_never_imports_underthesea(tmp_path):
    """underthesea's own import costs ~0.75 s in every worker; its text rules come from the cache."""
    script = (
        "import sys\n"
        "from pipeline.text.tokenize import segment_words\n"
        f"words = segment_words({SENTENCE!r})\n"
        "print(words[:2], sorted(m for m in sys.modules if m.split('.')[0] == 'underthesea'))\n")
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)  # builds the cache if needed
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "['Trung tướng', 'Nguyễn Mạnh Hùng'] []"


def test_old_cache_files_are_pruned_when_a_new_one_is_written(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("VNEXTRACT_CACHE", str(folder))
    for k in range(6):  # left by earlier versions of the code, the oldest first
        stale = folder / f"crf-old{k}.pickle"
        stale.write_bytes(b"x")
        os.utime(stale, (1_000_000 + k, 1_000_000 + k))
    cached_models(models.model_directories(), lambda: ("built",))
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 4 and "crf-old5.pickle" in left and "crf-old2.pickle" not in left
    assert [p for p in left if not p.startswith("crf-old")]  # the new one
