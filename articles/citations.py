"""Writes for citations: every fact points to an article and an exact quote."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from articles.models import Article, Citation
from articles.quotes import missing_part, quote_is_in


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
