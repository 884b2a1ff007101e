"""Edit history for every curated record (django-simple-history).

The historical tables live in this app, so the content apps stay free of history plumbing.
"""

from simple_history import register

from articles.models import Article, Citation, Mention, Outlet, SuggestedFact, SuggestedNumber
from editorial.context import get_history_user
from recalls.models import (
    Candidacy,
    Contest,
    Election,
    Jurisdiction,
    LegalInput,
    Office,
    Official,
    Participant,
    RecallEffort,
    ResultReport,
    SignatureReport,
    Tenure,
    TimelineEvent,
)

TRACKED = [
    Jurisdiction,
    Office,
    Official,
    Tenure,
    Participant,
    TimelineEvent,
    Election,
    Contest,
    Candidacy,
    SignatureReport,
    ResultReport,
    LegalInput,
    Outlet,
    Article,
    Mention,
    SuggestedFact,
    SuggestedNumber,
    Citation,
]

for model in TRACKED:
    register(model, app="editorial", get_user=get_history_user)

register(RecallEffort, app="editorial", get_user=get_history_user, m2m_fields=["targets"])
