import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# After Django has set itself up: a fresh kept page is answered in front of it.
from ops.caching import ServeHits  # noqa: E402 - needs the apps loaded above

application = ServeHits(django_application)
