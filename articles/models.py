from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q

from articles.querysets import ArticleQuerySet
from core.dates import PartialDateAttr, ordering_for, partial_date_check, partial_date_columns
from core.indexes import SortIndex
from core.links import slug_url
from core.managers import SlugManager
from core.versioning import Versioned
from editorial.models import history_track
from recalls.models.efforts import EffortStatus


class Outlet(Versioned):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Article(Versioned):
    """A news report, as imported: the source every fact points to."""

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    url = models.URLField(max_length=1000, null=True, blank=True, unique=True)
    author = models.CharField(max_length=300, blank=True)
    dek = models.TextField(blank=True, help_text="The standfirst under the headline.")
    body = models.TextField()
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the normalised text; catches re-imports."
    )
    published_on, published_precision, published_approximate = partial_date_columns("published")
    note = models.TextField(
        blank=True, help_text="How an undated or unattributed article was dated or attributed."
    )
    title_derived = models.BooleanField(
        default=False, help_text="The source had no headline; the title was made from the text."
    )
    source_name = models.CharField(
        max_length=500, blank=True, help_text="The file (and entry) the article was imported from."
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    published = PartialDateAttr()

    objects = SlugManager.from_queryset(ArticleQuerySet)()

    class Meta:
        ordering = [*ordering_for("published", descending=True), "title"]
        constraints = [
            *partial_date_check("published", "article"),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(condition=~Q(url=""), name="article_url_null_not_blank"),
        ]
        indexes = [
            # The "newest first" order of the lists and the home page (ArticleQuerySet.newest).
            SortIndex(
                F("published_on").desc(nulls_last=True),
                F("published_precision").desc(),
                "title",
                name="article_newest_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("articles:article_detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def full_text(self) -> str:
        """Everything a quote may come from: the headline, the dek and the body."""
        return "\n".join(part for part in (self.title, self.dek, self.body) if part)


class ReviewStatus(models.TextChoices):
    SUGGESTED = "suggested", "suggested by the importer"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


class ReviewQuerySet(models.QuerySet):
    """Reads shared by everything the importer suggests and an editor reviews."""

    def confirmed(self):
        return self.filter(status=ReviewStatus.CONFIRMED)

    def suggested(self):
        return self.filter(status=ReviewStatus.SUGGESTED)


class Reviewed(Versioned):
    """Something the importer suggested, and where an editor's review of it stands."""

    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUGGESTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        abstract = True


class Mention(Reviewed):
    """An article talks about an official or an effort."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    official = models.ForeignKey(
        "recalls.Official", null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    effort = models.ForeignKey(
        "recalls.RecallEffort",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    matched_text = models.CharField(
        max_length=300, help_text="The words in the article that matched."
    )

    class Meta:
        ordering = ["article", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(official__isnull=False) & Q(effort__isnull=True))
                | (Q(official__isnull=True) & Q(effort__isnull=False)),
                name="mention_exactly_one_subject",
            ),
            models.UniqueConstraint(
                fields=["article", "official"],
                condition=Q(official__isnull=False),
                name="mention_unique_official",
            ),
            models.UniqueConstraint(
                fields=["article", "effort"],
                condition=Q(effort__isnull=False),
                name="mention_unique_effort",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.article} → {self.official or self.effort} ({self.get_status_display()})"


class Suggestion(Reviewed):
    """What the importer found in an article for an editor to review: the sentence, its date,
    and where the review stands (``SuggestedFact``, ``SuggestedNumber``)."""

    quote = models.TextField(help_text="The sentence, exactly as in the article.")
    date_on, date_precision, date_approximate = partial_date_columns("date", required=True)

    date = PartialDateAttr()

    class Meta:
        abstract = True


class SuggestedFact(Suggestion):
    """A dated sentence about a recall, found by the importer, for an editor to accept.

    Confirming it adds a timeline event to the effort, cited with the sentence as quote.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggested_facts")
    effort = models.ForeignKey(
        "recalls.RecallEffort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_facts",
        help_text="The effort the sentence is most likely about; an editor picks one if blank.",
    )
    description = models.TextField(
        help_text="What the timeline event will say; the sentence unless an editor rewrites it."
    )
    date_note = models.TextField(blank=True, help_text="How a relative date was worked out.")
    proposed_status = models.CharField(
        max_length=20,
        choices=EffortStatus.choices,
        blank=True,
        help_text="The status the sentence reports, if any; the event moves the effort to it.",
    )
    event = models.ForeignKey(
        "recalls.TimelineEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The event made when the fact was confirmed.",
    )
    duplicate_of = models.ForeignKey(
        "recalls.TimelineEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The timeline event that already records this fact: accepting the fact "
        "adds its sentence to that event's citations.",
    )
    conflict = models.TextField(
        blank=True, help_text="How the fact differs from what the timeline already says."
    )

    class Meta:
        ordering = ["article", *ordering_for("date"), "pk"]
        constraints = [
            *partial_date_check("date", "suggested_fact", required=True),
            models.UniqueConstraint(fields=["article", "quote"], name="suggested_fact_unique"),
            models.CheckConstraint(condition=~Q(quote=""), name="suggested_fact_quote_not_empty"),
            models.CheckConstraint(
                condition=Q(proposed_status="") | Q(proposed_status__in=EffortStatus.values),
                name="suggested_fact_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.date}: {self.quote[:80]}"


class NumberField(models.TextChoices):
    """The figures the importer reads from text; the names are the ``--json`` report's."""

    SIGNATURES_REQUIRED = "signatures_required", "signatures required"
    SIGNATURES_SUBMITTED = "signatures_submitted", "signatures submitted"
    SIGNATURES_PROJECTED_VALID = "signatures_projected_valid", "signatures projected valid"
    SIGNATURES_VALID = "signatures_valid", "signatures verified valid"
    YES_VOTES = "yes_votes", "votes for the recall"
    NO_VOTES = "no_votes", "votes against the recall"


class SuggestedNumber(Suggestion):
    """A figure found in an article (signatures, votes), for an editor to accept.

    Accepting it adds a dated report to the effort's signature series or the contest's
    results, cited with the sentence; a value that differs from the record's current one
    is kept beside it (sources differ), never written over it.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggested_numbers")
    effort = models.ForeignKey(
        "recalls.RecallEffort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_numbers",
    )
    contest = models.ForeignKey(
        "recalls.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_numbers",
    )
    field = models.CharField(max_length=40, choices=NumberField.choices)
    value = models.PositiveIntegerField()
    approximate = models.BooleanField(default=False, help_text="“roughly 51,000”.")
    date_note = models.TextField(blank=True, help_text="How the date was worked out.")
    conflict = models.TextField(
        blank=True, help_text="How the value differs from what the record already says."
    )
    signature_report = models.ForeignKey(
        "recalls.SignatureReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The report made when the number was accepted.",
    )
    result_report = models.ForeignKey(
        "recalls.ResultReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The result made when the number was accepted.",
    )

    class Meta:
        ordering = ["article", *ordering_for("date"), "pk"]
        constraints = [
            *partial_date_check("date", "suggested_number", required=True),
            models.UniqueConstraint(
                fields=["article", "field", "value", "quote"], name="suggested_number_unique"
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="suggested_number_quote_not_empty"),
            models.CheckConstraint(
                condition=Q(field__in=NumberField.values), name="suggested_number_field_valid"
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.get_field_display()}: {self.value:,} — {self.quote[:60]}"


class Citation(Versioned):
    """A fact on any record, supported by an exact quote from an article."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        max_length=100,
        blank=True,
        help_text="Which fact it supports (“status”, “signatures_required”); blank for the record as a whole.",
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="Exact words from the article.")
    note = models.TextField(
        blank=True, help_text="How the fact follows from the quote, when not obvious."
    )

    class Meta:
        ordering = ["content_type", "object_id", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "article", "quote"],
                name="citation_unique",
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="citation_quote_not_empty"),
        ]

    def __str__(self):
        return f"“{self.quote[:60]}…” — {self.article}"


__all__ = [
    "Article",
    "Citation",
    "ContentType",
    "Mention",
    "NumberField",
    "Outlet",
    "ReviewQuerySet",
    "ReviewStatus",
    "SuggestedFact",
    "SuggestedNumber",
]

history_track(Outlet, Article, Mention, SuggestedFact, SuggestedNumber, Citation)
