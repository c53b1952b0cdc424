"""The model diagram in docs/data.md is the one the ontology gives today."""

from kg.diagram import END, START, block, mermaid
from tests.conftest import ROOT


def test_the_diagram_in_docs_data_md_is_current():
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    shown = text[text.index(START):text.index(END) + len(END)]
    assert shown == block(ROOT / "ontology" / "postsoviet.ttl"), (
        "docs/data.md's model diagram is stale: run `python -m kg.diagram --write docs/data.md`")


def test_the_diagram_shows_the_classes_and_properties_of_issue_13():
    text = mermaid(ROOT / "ontology" / "postsoviet.ttl")
    assert text.startswith("classDiagram\n")
    for line in ("Chairmanship --> State : psk:chair",
                 "Document --> State : psk:refusedToSign",
                 "Document <|-- Treaty",
                 "schema_Event --> Venue : psk:venue",
                 "Participation --> org_FormalOrganization : psk:representing",
                 "Participation : psk:attendance concept",
                 "schema_Event : psk:meetingFormat concept"):
        assert f"    {line}\n" in text


def test_the_readme_points_to_the_diagram():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/data.md#the-model-main-classes-and-properties" in readme
