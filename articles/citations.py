"""Writes for citations: every fact points to an article and an exact quote."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst

from articles.models import Article, Citation
from core.dates import PartialDate, partial_date_column_names, partial_date_names
from core.quotes import missing_part, quote_is_in
from recalls.models import RecallEffort, TimelineEvent
from recalls.services import event_create


def citation_validate_quote(*, article: Article, quote: str) -> None:
    if not quote_is_in(quote, article.full_text):
        raise ValidationError(
            {
                "quote": f"Quote not found in “{article.title}”: {missing_part(quote, article.full_text)}."
            }
        )


def citation_add(
    *, subject: models.Model, article: Article, quote: str, field: str = "", note: str = ""
) -> Citation:
    """Attach a citation to ``subject``; refuses a quote that is not in the article."""
    quote = " ".join(quote.split())
    citation_validate_quote(article=article, quote=quote)
    citation, _ = Citation.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        field=field,
        article=article,
        quote=quote,
        defaults={"note": note},
    )
    if citation.note != note:
        citation.note = note
        citation.save(update_fields=["note"])
    return citation


# Bookkeeping columns: what an editor cites is a fact, not a slug or a counter.
_NOT_CITABLE = {"slug", "version", "created_at", "updated_at"}


def citable_fields(model: type[models.Model]) -> list[tuple[str, str]]:
    """The facts of ``model`` a citation can support, as (stored name, label) pairs.

    The model's own fields decide: each editable field, a partial date as one fact
    (``started``, not its three columns), a figure's "approximate" flag with its figure.
    """
    dates = partial_date_names(model)
    date_columns = {column for name in dates for column in partial_date_column_names(name)}
    names = {field.name for field in model._meta.get_fields()}
    choices = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        name = field.name
        if name in date_columns:
            if name.endswith("_on"):
                choices.append((name.removesuffix("_on"), capfirst(field.verbose_name)))
            continue
        if (
            not field.editable
            or field.auto_created
            or name in _NOT_CITABLE
            or (name.endswith("_approximate") and name.removesuffix("_approximate") in names)
        ):
            continue
        choices.append((name, capfirst(field.verbose_name)))
    return choices


@transaction.atomic
def effort_status_move(
    *,
    effort: RecallEffort,
    status: str,
    date: PartialDate | str,
    description: str,
    article,
    quote: str,
) -> TimelineEvent:
    """Move an effort to ``status`` by adding a cited timeline event (a source is required)."""
    event = event_create(effort=effort, date=date, description=description, status=status)
    citation_add(subject=event, article=article, quote=quote, field="status")
    return event
