"""config.warmup: the work done in gunicorn's master before workers fork."""

import pytest
from django.template import engines

from config.warmup import site_templates, warm


def test_every_site_template_compiles_without_touching_the_database(django_assert_num_queries):
    names = site_templates()
    assert "base.html" in names and "recalls/recalleffort_detail.html" in names
    with django_assert_num_queries(0):
        assert warm() == len(names)
    loader = engines["django"].engine.template_loaders[0]
    cached = {key[0] if isinstance(key, tuple) else key for key in loader.get_template_cache}
    assert {"base.html", "includes/_effort_item.html"} <= cached


pytestmark = pytest.mark.django_db
