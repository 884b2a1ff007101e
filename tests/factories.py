"""factory-boy factories for every model; tests build what they need and nothing more."""

import datetime as dt

import factory
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from articles.models import (
    Article,
    Citation,
    Mention,
    NumberField,
    Outlet,
    SuggestedFact,
    SuggestedNumber,
)
from articles.services import content_hash
from core.dates import Precision
from recalls.models import (
    Candidacy,
    CandidacyStatus,
    Contest,
    ContestKind,
    EffortStatus,
    Election,
    ElectionKind,
    Jurisdiction,
    JurisdictionKind,
    Office,
    OfficeCategory,
    Official,
    Participant,
    ParticipantRole,
    RecallEffort,
    ResultReport,
    SignatureKind,
    SignatureReport,
    Tenure,
    TimelineEvent,
)


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = JurisdictionKind.CITY
    state = "CA"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    title = "District Attorney"
    slug = factory.Sequence(lambda n: f"office-{n}")
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    category = OfficeCategory.PROSECUTOR


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"Pat Official{n}")
    slug = factory.Sequence(lambda n: f"pat-official{n}")
    sort_name = factory.LazyAttribute(lambda o: ", ".join(reversed(o.name.split(" ", 1))))
    aliases = factory.LazyFunction(list)


class TenureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenure

    official = factory.SubFactory(OfficialFactory)
    office = factory.SubFactory(OfficeFactory)


class RecallEffortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecallEffort
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Recall effort {n}")
    slug = factory.Sequence(lambda n: f"recall-effort-{n}")
    office = factory.SubFactory(OfficeFactory)
    status = EffortStatus.CIRCULATING

    @factory.post_generation
    def targets(self, create, extracted, **kwargs):
        if create and extracted:
            self.targets.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    effort = factory.SubFactory(RecallEffortFactory)
    name = factory.Sequence(lambda n: f"Campaigner {n}")
    role = ParticipantRole.PROPONENT


class TimelineEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEvent

    effort = factory.SubFactory(RecallEffortFactory)
    date_on = factory.Faker("date_between", start_date="-3y", end_date="today")
    date_precision = 6
    description = factory.Sequence(lambda n: f"Something happened ({n})")


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election

    name = factory.Sequence(lambda n: f"Special election {n}")
    slug = factory.Sequence(lambda n: f"special-election-{n}")
    kind = ElectionKind.RECALL
    jurisdiction = factory.SubFactory(JurisdictionFactory)


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest

    election = factory.SubFactory(ElectionFactory)
    kind = ContestKind.RECALL_QUESTION
    name = factory.Sequence(lambda n: f"Recall question {n}")
    office = factory.SubFactory(OfficeFactory)


class CandidacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidacy

    contest = factory.SubFactory(ContestFactory, kind=ContestKind.CANDIDATE)
    official = factory.SubFactory(OfficialFactory)
    status = CandidacyStatus.DECLARED


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Daily News {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Recall news, part {n}")
    slug = factory.Sequence(lambda n: f"recall-news-part-{n}")
    outlet = factory.SubFactory(OutletFactory)
    body = factory.Sequence(
        lambda n: f"Body text of article {n}. Volunteers are collecting signatures."
    )
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.body))


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    official = factory.SubFactory(OfficialFactory)
    matched_text = factory.LazyAttribute(lambda o: o.official.name if o.official else "")


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation
        exclude = ["subject"]

    subject = factory.SubFactory(RecallEffortFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.subject))
    object_id = factory.LazyAttribute(lambda o: o.subject.pk)
    article = factory.SubFactory(ArticleFactory)
    quote = "Volunteers are collecting signatures."


# -- Added for the public pages ---------------------------------------------------------


class EffortMentionFactory(MentionFactory):
    """A confirmed mention of an effort (public pages show only confirmed mentions)."""

    official = None
    effort = factory.SubFactory(RecallEffortFactory)
    matched_text = factory.LazyAttribute(lambda o: o.effort.title)
    status = "confirmed"


class ConfirmedMentionFactory(MentionFactory):
    status = "confirmed"


class EventCitationFactory(CitationFactory):
    subject = factory.SubFactory(TimelineEventFactory)


# -- Added for feeds, calendar and exports ----------------------------------------------


class DatedElectionFactory(ElectionFactory):
    """An election on a known day, 100 days from today unless told otherwise."""

    date_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=100))
    date_precision = 6


# -- Added for the import review queue --------------------------------------------------


class SuggestedFactFactory(factory.django.DjangoModelFactory):
    """A dated recall sentence the importer found; the quote is in the article's body."""

    class Meta:
        model = SuggestedFact

    article = factory.SubFactory(
        ArticleFactory,
        body=factory.Sequence(
            lambda n: f"Story {n}. The recall qualified for the ballot in June 2022."
        ),
    )
    effort = factory.SubFactory(RecallEffortFactory)
    quote = "The recall qualified for the ballot in June 2022."
    description = factory.LazyAttribute(lambda o: o.quote)
    date_on = factory.LazyFunction(lambda: dt.date(2022, 6, 1))
    date_precision = Precision.MONTH
    proposed_status = EffortStatus.QUALIFIED


class SignatureReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignatureReport

    effort = factory.SubFactory(RecallEffortFactory)
    kind = SignatureKind.SUBMITTED
    count = 80_000
    date_on = factory.LazyFunction(lambda: dt.date(2021, 11, 5))
    date_precision = Precision.DAY


class ResultReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultReport

    contest = factory.SubFactory(ContestFactory)
    date_on = factory.LazyFunction(lambda: dt.date(2022, 6, 7))
    date_precision = Precision.DAY
    yes_votes = 120_000
    no_votes = 90_000


class SuggestedNumberFactory(factory.django.DjangoModelFactory):
    """A signature figure the importer found; the quote is in the article's body."""

    class Meta:
        model = SuggestedNumber

    article = factory.SubFactory(
        ArticleFactory,
        body=factory.Sequence(lambda n: f"Story {n}. Organizers needed roughly 51,000 signatures."),
    )
    effort = factory.SubFactory(RecallEffortFactory)
    field = NumberField.SIGNATURES_REQUIRED
    value = 51_000
    approximate = True
    quote = "Organizers needed roughly 51,000 signatures."
    date_on = factory.LazyFunction(lambda: dt.date(2021, 11, 1))
    date_precision = Precision.MONTH


# -- Added for the admin form tests (every model registered in the admin) ---------------


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")


class _AccessFactory(factory.django.DjangoModelFactory):
    user_agent = "Mozilla/5.0"
    ip_address = "192.0.2.1"
    username = factory.Sequence(lambda n: f"user{n}")
    http_accept = "text/html"
    path_info = "/admin/login/"


class AccessAttemptFactory(_AccessFactory):
    class Meta:
        model = AccessAttempt

    get_data = ""
    post_data = "username=someone"
    failures_since_start = 1


class AccessLogFactory(_AccessFactory):
    class Meta:
        model = AccessLog


class AccessFailureLogFactory(_AccessFactory):
    class Meta:
        model = AccessFailureLog
