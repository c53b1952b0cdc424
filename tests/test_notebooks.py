"""Every notebook runs from top to bottom without an error."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_the_quickstart_and_the_summit_walkthrough():
    assert ROOT / "notebooks" / "01-quickstart.ipynb" in NOTEBOOKS
    assert ROOT / "notebooks" / "02-december-2022-summit.ipynb" in NOTEBOOKS
    assert ROOT / "notebooks" / "03-centrality-over-time.ipynb" in NOTEBOOKS
    assert ROOT / "notebooks" / "04-interactive-graph.ipynb" in NOTEBOOKS
    assert ROOT / "notebooks" / "06-reading-the-news.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path: Path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "")
                   for o in outputs)
    if path.name == "01-quickstart.ipynb":
        assert "['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']" in text
        assert "'associate'" in text and "Kassym-Jomart Tokayev" in text
    if path.name == "02-december-2022-summit.ipynb":
        assert "absent    MDA  Maia Sandu" in text
        assert "('GEO', 'withdrawn', datetime.date(2009, 8, 18))" in text
        assert "russian-102nd-military-base-gyumri" in text
    if path.name == "05-worldwide-igo-network.ipynb":  # real COW data or the fixture
        assert "imported intervals" in text and "world median" in text
        assert "['ARM', 'AZE', 'BLR', 'KAZ', 'KGZ', 'MDA', 'RUS', 'TJK', 'UZB']" in text
        assert "degree rank of" in text and "states in some organization:" in text
    if path.name == "03-centrality-over-time.ipynb":
        assert "('AZE', 'Azerbaijan', 0.205)" in text
        assert "{'EST': 2, 'RUS': 1, 'USA': 0}" in text
        assert "2013: ['KAZ', 'KGZ', 'TJK', 'UZB', 'TKM']" in text
        assert sum("image/png" in o.get("data", {}) for o in outputs) == 3
    if path.name == "04-interactive-graph.ipynb":
        pages = [o for o in outputs if "text/html" in o.get("data", {})]
        assert len(pages) == 3
        assert all(o["data"]["text/html"].startswith("<iframe srcdoc=") for o in pages)
        assert "1 step around Collective Security Treaty Organization" in text
        assert "'vladimir-putin'" in text and "december-2022-summit.html" in text
    if path.name == "06-reading-the-news.ipynb":
        assert "0            2022-12-26-cis-informal-summit   10.0" in text
        assert "('absent',\n 'agrees'," in text
        assert "('founding', 'CSTO', None, 'disagrees', 'CSTO founded 2002-10-07')" in text
        assert "[('nursultan-nazarbayev', 'disagrees')]" in text
        assert "('Путиным', 'vladimir-putin', 'case form')" in text
        pages = [o for o in outputs if "text/html" in o.get("data", {})
                 and o["data"]["text/html"].startswith("<iframe srcdoc=")]
        assert len(pages) == 1
