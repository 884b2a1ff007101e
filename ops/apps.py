from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        # Not at module level: apps.py loads before the app registry is ready (ready() pattern).
        from ops.cache_signals import connect_signals
        from ops.server_cursors import install

        connect_signals()
        install()
