"""/api/docs/ fits a read-only API and the site's security policy."""

import lxml.html
import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_offers_no_authorisation(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "securitySchemes" not in schema.get("components", {})
    operations = [op for path in schema["paths"].values() for op in path.values()]
    # [{}]: anonymous access, the only requirement (Swagger UI draws no lock for it).
    assert operations and all(op.get("security", [{}]) == [{}] for op in operations)


def test_the_docs_page_links_back_and_has_nothing_inline(client):
    response = client.get("/api/docs/")
    doc = lxml.html.fromstring(response.content)
    assert doc.get("lang") == "en"
    assert doc.xpath("//header//a[@href='/']")
    assert doc.xpath("//style | //*[@style] | //script[not(@src)]") == []
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    (init,) = [s for s in doc.xpath("//script/@src") if s.startswith("/api/docs/")]
    script = client.get(init)
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
