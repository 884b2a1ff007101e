"""Several real gunicorn workers, as `make serve` runs them, with no Redis: one page cache
and one API rate limit for all of them."""

import threading
import time

import pytest

from scripts.drill_lib import Editor, fetch
from tests.factories import OfficialFactory
from tests.ops.servers import gunicorn, server_superuser

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_edit_reaches_every_worker_within_a_second(tmp_path):
    official = OfficialFactory(name="Alexandra Example", bio="Original biography.")
    server_superuser("chief", "workers-password-123")
    page = official.get_absolute_url()
    with gunicorn(tmp_path / "server.log", workers=4) as url:
        warm = [fetch(url + page, fresh=True) for _ in range(40)]
        assert {status for status, _, _ in warm} == {200}
        # One shared cache: the first request fills it for every worker.
        assert [headers["X-Cache"] for _, headers, _ in warm].count("miss") == 1
        assert "Original biography." in warm[-1][2]

        editor = Editor(url, "chief", "workers-password-123")
        editor.save(f"/admin/recalls/official/{official.pk}/change/", {"bio": "Edited biography."})
        saved = time.monotonic()
        assert (editor.saves, editor.failed) == (1, 0), editor.reasons
        official.refresh_from_db()
        assert official.bio == "Edited biography."

        # Readers spread over the four workers. The first one after the edit has the page
        # rendered beside it (ops/refresh.py); while that render runs, readers may get the
        # copy from before, marked as such. Within a second every answer has the edit, and
        # once one has it none goes back.
        pages = []
        while len(pages) < 100 or time.monotonic() - saved < 1.5:
            status, headers, body = fetch(url + page, fresh=True)
            pages.append((time.monotonic() - saved, status, headers.get("X-Cache"), body))
    assert {status for _, status, _, _ in pages} == {200}
    edited = ["Edited biography." in body for _, _, _, body in pages]
    first = edited.index(True)
    assert all(edited[first:]), "an answer went back to the copy from before the edit"
    old = pages[:first]
    assert all(at < 1.0 for at, _, _, _ in old), [round(at, 3) for at, _, _, _ in old]
    assert {cache for _, _, cache, _ in old} <= {"stale", "refreshing"}
    assert all("Original biography." in body for _, _, _, body in old)


def test_the_api_rate_limit_holds_across_workers(tmp_path):
    """800 requests from one address, spread over 4 workers: the documented 120 pass."""
    statuses = []
    with gunicorn(tmp_path / "server.log", workers=4, API_ANON_RATE="120/hour") as url:

        def client(number):
            for n in range(100):  # distinct URLs: a cached answer is not a request to limit
                statuses.append(fetch(f"{url}/api/officials/?client={number}-{n}", timeout=30)[0])

        threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(statuses) == 800
    assert statuses.count(200) == 120
    assert statuses.count(429) == 680
