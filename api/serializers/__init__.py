"""JSON shapes of the API. Field names are part of the contract: add, never rename.

Partial dates are objects (``PartialDateSerializer``) so a vague date ("June 2022, approx.")
keeps its precision; records link to their API detail (``url``) and their page
(``html_url``).
"""

from api.serializers.articles import (
    ArticleDetailSerializer,
    ArticleSerializer,
)
from api.serializers.efforts import (
    EffortDetailSerializer,
    EffortSerializer,
)
from api.serializers.elections import (
    ElectionDetailSerializer,
    ElectionSerializer,
)
from api.serializers.people import (
    OfficialDetailSerializer,
    OfficialSerializer,
)

__all__ = [
    "ArticleDetailSerializer",
    "ArticleSerializer",
    "EffortDetailSerializer",
    "EffortSerializer",
    "ElectionDetailSerializer",
    "ElectionSerializer",
    "OfficialDetailSerializer",
    "OfficialSerializer",
]
