"""docs/api.md lists every operation, and the browsable docs are served from our own files."""

from pathlib import Path

from heartwork.api.api import api

DOC = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()


def test_docs_name_every_operation():
    ids = {
        spec["operationId"]
        for methods in api.get_openapi_schema()["paths"].values()
        for spec in methods.values()
    }
    missing = sorted(op for op in ids if f"`{op}`" not in DOC)
    assert not missing, f"add to docs/api.md's table: {missing}"


def test_the_docs_page_uses_no_cdn(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
