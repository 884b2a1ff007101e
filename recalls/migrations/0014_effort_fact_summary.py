from django.db import migrations, models


def fill(apps, schema_editor):
    """The summary of every effort already stored, from the historical models."""
    # A migration may import only what the model state cannot change under it: this
    # function takes the models it reads as arguments.
    from recalls.fact_summary import live_models, refresh_fact_summary

    models_ = live_models(apps.get_model)
    using = schema_editor.connection.alias
    ids = models_.effort._base_manager.using(using).values_list("pk", flat=True)
    refresh_fact_summary(list(ids), using=using, models=models_)


class Migration(migrations.Migration):
    dependencies = [
        ("recalls", "0013_contest_votes_in_results"),
        ("articles", "0006_fact_duplicates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="recalleffort",
            name="heard_on",
            field=models.DateField(
                editable=False,
                help_text="The last day any dated fact about the effort could be (its events, "
                "and the articles cited by it or by its events).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="recalleffort",
            name="submission_reported",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="An event at or past “signatures submitted”, or a reported count of "
                "submitted or checked signatures.",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
