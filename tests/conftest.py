import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The full seed data set, as `manage.py load_seed_data` loads it."""
    call_command("load_seed_data", verbosity=0)
