from django.apps import AppConfig


class CurationConfig(AppConfig):
    """The admin of the recall records. Its own app because its forms ask for sources and show
    citations (articles), and the articles app sits above recalls (docs/ARCHITECTURE.md)."""

    name = "curation"
    verbose_name = "Curation"
