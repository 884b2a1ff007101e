"""Full-text search on PostgreSQL: the unaccent configuration and a GIN index on articles.

Nothing on SQLite, which searches with accent-folded matching instead.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from core.search_config import ARTICLE_INDEX, CONFIG, article_vector

CREATE_CONFIG = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END $$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIG)
    Article = apps.get_model("articles", "Article")
    schema_editor.add_index(Article, GinIndex(article_vector(), name=ARTICLE_INDEX))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    schema_editor.remove_index(Article, GinIndex(article_vector(), name=ARTICLE_INDEX))
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
