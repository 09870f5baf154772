"""The README is the newcomer's first contact: every command it shows runs, in order, on a fresh copy.

The commands are read from the README's ```bash and ```python blocks, not copied here, so the README
cannot drift from what works. Run with this interpreter: `vnextract` and `.venv/bin/vnextract` are
`python -m pipeline`, `.venv/bin/python` is this Python. Two kinds of step are not run, because this
test already stands on their result: creating the venv and installing the package (`python3 -m venv`,
`pip install`), and running the test suite itself (`python -m pytest`). Placeholders of the syntax
lines are filled: INPUT... → data/raw, DIR → data/processed; /tmp/ is a temporary folder.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, SHARED

README = REPO / "README.md"
_BLOCK_RE = re.compile(r"```(bash|python)\n(.*?)```", re.DOTALL)
PLACEHOLDERS = {"INPUT...": "data/raw", "DIR": "data/processed"}


def readme_blocks(text: str) -> list[tuple[str, str]]:
    """(language, code) of every fenced bash and python block, in order."""
    return [(m.group(1), m.group(2)) for m in _BLOCK_RE.finditer(text)]


def shell_steps(block: str) -> list[list[str]]:
    """Each command line of a bash block split into its `&&` steps, comments dropped."""
    steps = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        step: list[str] = []
        for word in words + ["&&"]:
            if word == "&&":
                if step:
                    steps.append(step)
                step = []
            else:
                step.append(word)
    return steps


def runnable(step: list[str], tmp: Path) -> list[str] | None:
    """The argv that runs a README step here, or None for environment set-up and the suite itself."""
    program = step[0]
    if program in ("python3", "python") and step[1:3] == ["-m", "venv"]:
        return None
    if "pip" in step[1:3] or program.endswith("/pip") or step[1:3] == ["-m", "pytest"]:
        return None
    args = [PLACEHOLDERS.get(a, a.replace("/tmp/", f"{tmp}/")) for a in step[1:]]
    if program.endswith("vnextract"):
        return [sys.executable, "-m", "pipeline", *args]
    if program.endswith(("python", "python3")):
        return [sys.executable, *args]
    raise AssertionError(f"README command with no rule here: {shlex.join(step)}")


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory) -> Path:
    """The repository's tracked files in a new folder (a clone of the working tree), with ../shared."""
    root = tmp_path_factory.mktemp("readme")
    clone = root / "vnextract"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    if SHARED.exists():
        (root / "shared").symlink_to(SHARED, target_is_directory=True)
    return clone


def test_readme_syntax_rules_cover_every_command(tmp_path):
    steps = [s for lang, code in readme_blocks(README.read_text(encoding="utf-8")) if lang == "bash"
             for s in shell_steps(code)]
    assert len(steps) >= 10
    skipped = [shlex.join(s) for s in steps if runnable(s, tmp_path) is None]  # unknown programs raise
    assert all(re.search(r"-m venv|pip install|-m pytest", s) for s in skipped)


def test_readme_show_example_names_the_seed_doc_id():
    seed_ids = {p.stem for p in (REPO / "data" / "raw").glob("000_*.txt")}
    shown = re.findall(r"vnextract show (\S+)", README.read_text(encoding="utf-8"))
    assert shown and set(shown) <= seed_ids


@pytest.mark.slow
def test_every_readme_command_runs_in_order_on_a_fresh_copy(fresh_copy, tmp_path):
    if not SHARED.exists():
        pytest.skip("../shared (gold data, tools) not available")
    ran = []
    env = {**os.environ, "PYTHONPATH": str(fresh_copy)}  # the copy's own package
    for lang, code in readme_blocks(README.read_text(encoding="utf-8")):
        if lang == "python":
            commands = [[sys.executable, "-c", code]]
        else:
            commands = [c for c in (runnable(s, tmp_path) for s in shell_steps(code)) if c is not None]
        for argv in commands:
            result = subprocess.run(argv, cwd=fresh_copy, capture_output=True, text=True, timeout=600, env=env)
            assert result.returncode == 0, f"{shlex.join(argv)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
            assert "Traceback" not in result.stderr, shlex.join(argv)
            ran.append(argv)
    assert len(ran) >= 12
    shown = next(a for a in ran if a[3:4] == ["show"])
    assert Path(shown[shown.index("--html") + 1]).read_text(encoding="utf-8").count("<mark") > 0
