from django.contrib.contenttypes.models import ContentType
from django.db import models


class SeedRecord(models.Model):
    """The row that one record of ``fixtures/seed/*.yaml`` created (or found already there).

    ``load_seed_data`` recognises its records by this key, never by fields an editor can
    change, so an edited event is still the same event, and a deleted one stays deleted.
    """

    key = models.CharField(max_length=255, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key
