"""Every internal link on every public page resolves: a crawl from / over the seed data."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

SKIP = ("/admin/",)
LIMIT = 3000


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("link", "script", "img") and (attrs.get("href") or attrs.get("src")):
            self.assets.append(attrs.get("href") or attrs.get("src"))


def parse(response) -> Links:
    links = Links()
    links.feed(response.content.decode())
    return links


def test_every_internal_link_resolves(client, seeded):
    seen: dict[str, Links | None] = {}
    fragments: list[tuple[str, str, str]] = []  # (from, page, fragment)
    broken: list[tuple[str, str, int]] = []
    assets: set[str] = set()
    queue = deque([("/", "/")])
    while queue and len(seen) < LIMIT:
        url, referrer = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = None
        if response.status_code != 200:
            broken.append((referrer, url, response.status_code))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        links = seen[url] = parse(response)
        assets.update(links.assets)
        for href in links.hrefs:
            absolute = urljoin(url, href)
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https") and parts.netloc not in ("", "testserver"):
                continue  # an article's original address: not ours to check
            if parts.scheme not in ("", "http", "https"):
                continue
            target, fragment = urldefrag(parts.path + (f"?{parts.query}" if parts.query else ""))
            target = target or url
            if fragment:
                fragments.append((url, target, fragment))
            if not target.startswith(SKIP) and target not in seen:
                queue.append((target, url))

    assert broken == []
    assert len(seen) > 50, "the crawl should reach every seeded record"
    assert any(u.startswith("/recalls/recall-chesa-boudin") for u in seen)
    assert any(u.startswith("/articles/") and u != "/articles/" for u in seen)
    missing = [
        (page, target, fragment)
        for page, target, fragment in fragments
        if target in seen and seen[target] is not None and fragment not in seen[target].ids
    ]
    assert missing == [], "links to #fragments that do not exist on the target page"
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    static = [asset for asset in assets if asset.startswith(prefix)]
    assert static
    assert [a for a in static if not finders.find(a.removeprefix(prefix))] == []


@pytest.mark.parametrize(
    "url",
    ["/recalls/nope/", "/officials/nope/", "/elections/nope/", "/articles/nope/", "/no/such/page"],
)
def test_unknown_pages_are_friendly_404s(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"<main" in response.content
