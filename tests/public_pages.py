"""One URL of every public page type, on the seed data: what the reader tests walk through."""

from articles.models import Article
from recalls.models import Election, Official, RecallEffort


def public_pages() -> dict[str, str]:
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    # The article cited by the most facts: the longest "Facts that cite it" list.
    article = max(Article.objects.all(), key=lambda a: a.citations.count())
    return {
        "home": "/",
        "efforts": "/recalls/",
        "efforts-filtered": "/recalls/?status=recalled&state=CA",
        "efforts-empty": "/recalls/?status=recalled&state=WY",
        "effort": effort.get_absolute_url(),
        "officials": "/officials/",
        "official": Official.objects.get(slug="chesa-boudin").get_absolute_url(),
        "elections": "/elections/",
        "election": Election.objects.filter(contests__effort=effort).first().get_absolute_url(),
        "articles": "/articles/",
        "article": article.get_absolute_url(),
        "search": "/search/?q=gascon",
        "stats": "/stats/",
        "not-found": "/recalls/no-such-recall/",
    }
