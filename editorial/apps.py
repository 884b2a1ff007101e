from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        # Not at module level: the receivers need the apps ready (Django's ready() pattern).
        from editorial import signals  # noqa: F401
