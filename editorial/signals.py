from django.db.models.signals import post_migrate
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from editorial.context import current_actor
from editorial.roles import editors_group_sync


@receiver(pre_create_historical_record)
def add_change_reason(sender, instance, history_instance, **kwargs):
    actor = current_actor()
    if actor and actor[1] and not history_instance.history_change_reason:
        history_instance.history_change_reason = actor[1][:100]


@receiver(post_migrate)
def keep_editors_group_in_step(sender, app_config=None, **kwargs):
    """New content models get their permissions after the migration that made the group."""
    if app_config is not None and app_config.label == "editorial":
        editors_group_sync()
