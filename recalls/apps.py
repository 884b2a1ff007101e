from django.apps import AppConfig


class RecallsConfig(AppConfig):
    name = "recalls"
    verbose_name = "Recalls"

    def ready(self):
        from recalls.legal import checks  # noqa: F401  (registers the rule-file check)
