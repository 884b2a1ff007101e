"""The version counter every curated record carries, for optimistic locking.

The rule that uses it (a save must name the version it was based on) lives in
``editorial.locking``; content apps only carry the column.
"""

from django.db import models


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by every editorial save; a save based on an older version is refused.",
    )

    class Meta:
        abstract = True
