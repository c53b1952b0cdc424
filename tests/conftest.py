import shutil
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.fixture(scope="session")
def graph() -> kg.KnowledgeGraph:
    """The real graph shipped in the package."""
    return kg.load()


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture dataset."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def edit_csv(path: Path, old: str, new: str, every: bool = False) -> None:
    """Replace the first occurrence of ``old`` (each one with ``every``), which must exist."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, -1 if every else 1), encoding="utf-8")
