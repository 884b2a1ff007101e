"""The site as `make serve` runs it, with one more response header for the election-night
scenario (scripts/benchlib/night.py): ``X-Worker``, the pid of the gunicorn worker that
answered, so that an edit can be checked on every worker. Benchmark only: the deployed
site does not say which process answered."""

import os

from config.wsgi import application as site


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Worker", str(os.getpid()))], exc_info)

    return site(environ, start)
