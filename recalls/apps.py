from django.apps import AppConfig


class RecallsConfig(AppConfig):
    name = "recalls"
    verbose_name = "Recalls"

    def ready(self):
        # Receivers are connected once the models are loaded.
        from recalls.fact_summary import connect_signals
        from recalls.legal import checks  # noqa: F401  (registers the rule-file check)

        connect_signals()
