"""The package's shape holds: the import-linter contracts (layers, no cycles) and no module taking
another module's underscore names. These are the rules a newcomer relies on to find their way."""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "pipeline"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def private_imports() -> list[str]:
    """"importer <- module.name" for every `from pipeline.x import _name` across modules."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
                found += [f"{importer} <- {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.endswith("__") and node.module != importer]
            if isinstance(node, ast.ImportFrom) and node.level:
                found.append(f"{importer}: relative import (imports are absolute)")
    return found


def test_no_module_imports_another_modules_underscore_names():
    assert private_imports() == []


def test_the_private_import_check_sees_a_violation(tmp_path, monkeypatch):
    """The check above can fail: a module taking `_Scanner` from another is reported."""
    fake = tmp_path / "pipeline"
    (fake / "extract").mkdir(parents=True)
    (fake / "extract" / "people.py").write_text("from pipeline.extract.organizations import _Scanner\n")
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert private_imports() == ["pipeline.extract.people <- pipeline.extract.organizations._Scanner"]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run([lint], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout
