from django.db import models


class SlugManager(models.Manager):
    """Natural keys by slug, so fixtures and dumps never depend on primary keys."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
