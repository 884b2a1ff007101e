"""Work a fresh process would otherwise do on its first requests, done once in advance.

gunicorn loads the app in its master (``preload_app``) and calls :func:`warm` there before
forking workers, so every worker — also one recycled after ``max_requests`` — starts with
the URL map built and the site's templates compiled in the cached template loader,
instead of making its first readers wait for it. Nothing here touches the database: a
connection opened in the master would be shared by the forked workers.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver


def site_templates() -> list[str]:
    """The project's own templates (``templates/``), as names the loader finds them by."""
    names = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        root = Path(folder)
        names += sorted(
            str(path.relative_to(root)) for path in root.rglob("*.html") if path.is_file()
        )
    return names


def warm() -> int:
    """Build the URL resolver and compile every site template; returns how many."""
    get_resolver()._populate()
    names = site_templates()
    for name in names:
        get_template(name)
    return len(names)
