"""An editor's journey through the admin, counted: page loads and clicks, as the editor does them.

Each journey writes its counts to build/screenshots/journeys.json (and prints them), so the
cost of every editor job is measured on each run, not estimated.
"""

from __future__ import annotations

import json

from editorial.services import editor_create
from tests.browser.conftest import SCREENSHOTS, new_page, screenshot

PASSWORD = "kestrel-orchard-4417-lamp"
DESKTOP_WIDTH = 1280


class Journey:
    """A page whose loads (main-frame load events), clicks and typed fields are counted.

    Clicks: buttons, links, checkboxes, drop-down lists, autocomplete boxes (open + pick).
    """

    def __init__(self, page, base_url: str, name: str):
        self.page, self.base_url, self.name = page, base_url, name
        self.loads = self.clicks = self.typed = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def goto(self, path: str):
        self.page.goto(self.base_url + path)

    def click(self, target, **kwargs):
        self.clicks += 1
        locator = self.page.locator(target) if isinstance(target, str) else target
        locator.click(**kwargs)

    def tick(self, target):
        """Tick a checkbox (a click)."""
        self.clicks += 1
        locator = self.page.locator(target) if isinstance(target, str) else target
        locator.check()

    def select(self, selector: str, value: str | None = None, *, label: str | None = None):
        """Pick from a drop-down list (counted as one click: the list, the option typed or picked)."""
        self.clicks += 1
        if label is not None:
            self.page.select_option(selector, label=label)
        else:
            self.page.select_option(selector, value)

    def fill(self, selector: str, text: str):
        """Type into a field: counted apart from clicks."""
        self.typed += 1
        self.page.fill(selector, text)

    def choose(self, field: str, text: str, *, within: str = ""):
        """Pick a record in an autocomplete (select2) box: open it, type, pick (2 clicks)."""
        self.click(f"{within} .field-{field} .select2-selection".strip())
        self.page.locator(".select2-container--open .select2-search__field").fill(text)
        self.click(self.page.locator(".select2-results__option", has_text=text).first)

    def log_in(self, username: str = "maria"):
        editor_create(username=username, password=PASSWORD)
        self.goto("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.click("input[type=submit]")
        self.page.wait_for_url(f"{self.base_url}/admin/")
        self.loads = self.clicks = self.typed = 0  # an editor logs in once a day, not once a job

    def save(self, button: str = "input[name=_save]"):
        self.click(self.page.locator(button).first)
        self.page.wait_for_load_state()

    def width(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth")

    def screenshot(self, name: str, *, phone: bool = True):
        """Screenshot at 1280 px and, from the same URL in a 390 px window, as a phone sees it."""
        screenshot(self.page, f"{name}-1280")
        if phone:
            other = new_page(self.page.context.browser, "phone")
            other.context.add_cookies(self.page.context.cookies())
            other.goto(self.page.url)
            screenshot(other, f"{name}-390")
            width = other.evaluate("document.documentElement.scrollWidth")
            other.context.close()
            assert width <= 390, f"{name} is {width} px wide in a 390 px window"

    def record(self, **extra) -> dict:
        result = {"page_loads": self.loads, "clicks": self.clicks, "fields_typed": self.typed}
        result.update(extra)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / "journeys.json"
        journeys = json.loads(path.read_text()) if path.exists() else {}
        journeys[self.name] = result
        path.write_text(json.dumps(journeys, indent=2, sort_keys=True) + "\n")
        print(f"journey {self.name}: {result}")
        return result
