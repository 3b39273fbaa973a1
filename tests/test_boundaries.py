"""Import boundaries of the house style, checked on the source (no imports executed)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _files("service/cleaning"), ids=lambda p: p.name)
def test_cleaning_imports_only_stdlib_and_selectolax(path: Path) -> None:
    allowed = set(sys.stdlib_module_names) | {"selectolax", "service", "__future__"}
    outside = {n for n in _imports(path) if _top(n) not in allowed}
    inside = {n for n in _imports(path) if _top(n) == "service"}
    assert not outside, f"{path.name} imports {outside}"
    assert all(n.startswith("service.cleaning") for n in inside), f"{path.name} imports {inside}"


@pytest.mark.parametrize("module", ["classifier.py", "model_store.py"])
def test_model_code_never_imports_the_web_framework(module: str) -> None:
    path = ROOT / "service" / module
    if not path.exists():
        pytest.skip(f"service/{module} not present")
    assert not {_top(n) for n in _imports(path)} & {"fastapi", "starlette", "uvicorn"}


@pytest.mark.parametrize("path", _files("service"), ids=lambda p: str(p.relative_to(ROOT)))
def test_service_never_imports_training(path: Path) -> None:
    assert "training" not in {_top(n) for n in _imports(path)}
