"""For tests that run the project in other processes: where they find the test database."""

from django.db import connection


def database_url() -> str:
    """The test database as a DATABASE_URL, for a command or server in another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
