"""Synthetic data at newsroom scale, for benchmarks and demos: ``generate_demo_data``.

Everything is made from one ``random.Random(seed)``, so the same seed gives the same slugs,
titles and texts. Rows go in with ``bulk_create`` in batches, one transaction per batch, and
articles are made batch by batch (never all in memory). ``bulk_create`` writes no edit
history and sends no signals, so the page cache is not invalidated: start the server after.

Generated rows carry slugs starting with ``demo-``; the generator refuses to add to a
database that holds anything else unless forced.
"""

from __future__ import annotations

from articles.models import Article
from recalls.models import Election, Official, RecallEffort
from seeding.demo.generator import DemoGenerator, DemoSummary
from seeding.demo.shapes import PREFIX

__all__ = ["DemoDataRefused", "DemoSummary", "generate_demo_data"]


class DemoDataRefused(Exception):
    pass


def check_database_is_demo_only() -> None:
    """Refuse when the database holds records the generator did not make."""
    for model in (RecallEffort, Official, Election, Article):
        real = model.objects.exclude(slug__startswith=PREFIX)
        if real.exists():
            raise DemoDataRefused(
                f"the database holds {real.count():,} {model._meta.verbose_name_plural} that "
                "were not generated; use an empty database (or --force to add to it anyway)"
            )


def generate_demo_data(*, force: bool = False, **options) -> DemoSummary:
    """Fill the database with a synthetic data set; refuses a database with real records.

    ``options`` are ``DemoGenerator``'s: how many officials, efforts, articles, mentions and
    events, and ``seed``, ``batch_size``, ``progress``.
    """
    generator = DemoGenerator(**options)
    if min(generator.n_officials, generator.n_efforts) < 1:
        raise DemoDataRefused("need at least one official and one effort")
    if RecallEffort.objects.filter(slug__startswith=PREFIX).exists():
        raise DemoDataRefused("the database already holds generated data; start from an empty one")
    if not force:
        check_database_is_demo_only()
    return generator.run()
