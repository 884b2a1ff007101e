"""gunicorn settings for `make serve` and production; each can be overridden on the command line."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads, so that while some requests wait on the database (at most DATABASE_TIMEOUT,
# ops/db_timeouts.py) others — cached pages, /livez — are still answered.
worker_class = "gthread"
threads = int(os.environ.get("THREADS", 4))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle a worker after this many requests (a guard against slow leaks); 0 turns it off.
max_requests = int(os.environ.get("MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
# Workers fork from a master that has already imported the app: a recycled worker is
# ready at once instead of paying Django's start-up on the requests it first serves.
preload_app = True
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
# Trust X-Forwarded-* only from the local proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """In the master, before the first fork: compile templates and URLs (config/warmup.py)."""
    # Not at module level: gunicorn reads this file before Django is set up.
    from config.warmup import warm

    server.log.info("warmed %d templates", warm())


def post_fork(server, worker):
    """In each worker: no PostgreSQL query may wait longer than DATABASE_TIMEOUT."""
    # Not at module level: gunicorn reads this file before Django is set up.
    from ops.db_timeouts import install

    install()
