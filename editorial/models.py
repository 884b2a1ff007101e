"""Edit history for every curated record (django-simple-history).

The historical tables live in this app, so the content apps stay free of history plumbing:
each names its curated models once, with ``history_track`` at the end of its models module
(this app imports none of them: it sits below the content apps).
"""

from simple_history import register

from editorial.context import get_history_user

# Every model whose history is kept, in the order the apps named them.
TRACKED: list[type] = []


def history_track(
    *models, m2m_fields: tuple[str, ...] = (), excluded_fields: tuple[str, ...] = ()
) -> None:
    """Keep the edit history of ``models`` in this app's tables, with who made each change
    (not of ``excluded_fields``: values derived from other rows, which no editor sets)."""
    extra = {"m2m_fields": list(m2m_fields)} if m2m_fields else {}
    if excluded_fields:
        extra["excluded_fields"] = list(excluded_fields)
    for model in models:
        register(model, app="editorial", get_user=get_history_user, **extra)
        TRACKED.append(model)
