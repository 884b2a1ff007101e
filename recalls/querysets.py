"""Reads: one named QuerySet method per page, reached as ``Model.objects.<method>()``."""

import datetime as dt
import re

from django.apps import apps
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast

from core.text import fold
from recalls.signatures import SignatureKind
from recalls.stages import EVENT_NEWEST_FIRST, EffortStatus
from recalls.staleness import NOT_REPORTED, stale_q


def _models(*labels: str) -> list[type[models.Model]]:
    """Models by label. The models build their managers from these QuerySets, so this module
    cannot import them; and recalls reads articles' models (citations, mentions) by name,
    never by import, since articles imports recalls."""
    return [apps.get_model(label) for label in labels]


# Accented (and other) letters each plain letter stands for, so "gascon" finds "Gascón".
_VARIANTS = {
    "a": "aàáâãäåāăą",
    "c": "cçćĉċč",
    "e": "eèéêëēĕėęě",
    "g": "gĝğġģ",
    "i": "iìíîïĩīĭįı",
    "l": "lĺļľŀł",
    "n": "nñńņňŉ",
    "o": "oòóôõöøōŏő",
    "r": "rŕŗř",
    "s": "sśŝşšș",
    "t": "tţťŧț",
    "u": "uùúûüũūŭůűų",
    "y": "yýÿŷ",
    "z": "zźżž",
}


def accent_insensitive_pattern(term: str) -> str:
    """A regular expression (valid for SQLite's and PostgreSQL's engines) that matches
    ``term`` regardless of accents; use it with ``__iregex``."""
    parts = []
    for char in fold(" ".join(term.split())):
        variants = _VARIANTS.get(char)
        if variants:
            parts.append("[" + variants + variants.upper() + "]")
        elif char.isalnum():
            parts.append(char)
        elif char == " ":
            parts.append("\\s+")
        else:
            parts.append(re.escape(char) if not char.isspace() else "\\s")
    return "".join(parts)


def text_match(term: str, *fields: str) -> Q:
    """``Q`` matching ``term`` in any of ``fields``, ignoring case and accents."""
    pattern = accent_insensitive_pattern(term)
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__iregex": pattern})
    return query


def confirmed_mentions():
    (Mention,) = _models("articles.Mention")

    return Mention.objects.confirmed().select_related("article__outlet")


def cited_by():
    """Citations with the article they quote, as every cited fact renders them."""
    (Citation,) = _models("articles.Citation")

    # Not the article's text: a page can cite hundreds of facts from long articles.
    return (
        Citation.objects.select_related("article__outlet")
        .defer("article__body", "article__dek")
        .order_by("pk")
    )


def _candidacies():
    """A contest's candidacies, most votes first, with their citations."""
    (Candidacy,) = _models("recalls.Candidacy")

    return (
        Candidacy.objects.select_related("official")
        .order_by(F("votes").desc(nulls_last=True), "official__sort_name")
        .prefetch_related(Prefetch("citations", queryset=cited_by()))
    )


def _result_reports():
    """A contest's reported counts with their citations (the page orders them)."""
    (ResultReport,) = _models("recalls.ResultReport")
    return ResultReport.objects.prefetch_related(Prefetch("citations", queryset=cited_by()))


class ResultReportQuerySet(models.QuerySet):
    def for_export(self, elections):
        """The counts of ``elections`` (a pk subquery), by election, contest, then as of."""
        return (
            self.filter(contest__election__in=elections)
            .select_related("contest__election__jurisdiction", "contest__effort")
            .prefetch_related(Prefetch("citations", queryset=cited_by()))
            .order_by(
                F("contest__election__date_on").desc(nulls_last=True),
                "contest__election__name",
                "contest__name",
                "date_on",
                "date_precision",
                F("reported_at").asc(nulls_first=True),
                "pk",
            )
        )


class RecallEffortQuerySet(models.QuerySet):
    def active(self, *, today: dt.date):
        """Not ended, and not stale on ``today`` (recalls/staleness.py)."""
        return self.exclude(status__in=EffortStatus.ended()).exclude(stale_q(today))

    def stale(self, *, today: dt.date):
        """ "Outcome not reported": not ended, but the sources went quiet (recalls/staleness.py)."""
        return self.filter(stale_q(today))

    def with_status(self, statuses, *, today: dt.date):
        """Efforts in any of ``statuses``; a stale effort counts only as ``NOT_REPORTED``."""
        stale = stale_q(today)
        chosen = set(statuses)
        query = Q(status__in=chosen - {NOT_REPORTED}) & ~stale
        if NOT_REPORTED in chosen:
            query |= stale
        return self.filter(query)

    def with_stale_flag(self, *, today: dt.date):
        """``is_stale`` on each effort, as SQL decides it (for counts and exports)."""
        return self.annotate(
            is_stale=ExpressionWrapper(stale_q(today), output_field=BooleanField())
        )

    def with_facts(self):
        """What ``recalls.staleness.effort_standing`` reads: events and citations, dated."""
        SignatureReport, TimelineEvent = _models("recalls.SignatureReport", "recalls.TimelineEvent")
        counts = SignatureReport.objects.filter(effort=OuterRef("pk"))
        return self.annotate(
            # A reported count of submitted (or checked) signatures: a submission happened.
            has_reported_submission=Exists(counts.exclude(kind=SignatureKind.REQUIRED))
        ).prefetch_related(
            Prefetch("citations", queryset=cited_by()),
            Prefetch(
                "events",
                queryset=TimelineEvent.objects.prefetch_related(
                    Prefetch("citations", queryset=cited_by())
                ),
            ),
        )

    def ended(self):
        return self.filter(status__in=EffortStatus.ended())

    def matching(self, term: str):
        """Title, targets' names and aliases, or the office's jurisdiction."""
        matches = (
            self.model.objects.alias(target_aliases=Cast("targets__aliases", TextField()))
            .filter(
                text_match(
                    term, "title", "targets__name", "target_aliases", "office__jurisdiction__name"
                )
            )
            .values("pk")
        )
        return self.filter(pk__in=matches)

    def sorted_by(self, key: str):
        orders = {
            "newest": [F("started_on").desc(nulls_last=True), "-started_precision", "title", "pk"],
            "name": ["title"],
            "deadline": [F("deadline_on").asc(nulls_last=True), "deadline_precision", "title"],
            "updated": ["-updated_at", "title"],
        }
        return self.order_by(*orders.get(key, orders["newest"]))

    def for_list(self):
        """With the dated facts behind each status ("as of …"): three queries per page."""
        Contest, Official = _models("recalls.Contest", "recalls.Official")

        return (
            self.select_related("office__jurisdiction")
            .with_facts()
            .prefetch_related(
                Prefetch("targets", queryset=Official.objects.only("name", "slug", "sort_name")),
                Prefetch(
                    "contests",
                    queryset=Contest.objects.select_related("election").order_by(
                        F("election__date_on").desc(nulls_last=True), "pk"
                    ),
                    to_attr="ballot_contests",
                ),
            )
        )

    def with_signatures(self):
        """With the signature series loaded, for ``effort.signatures`` (lists, API, CSV)."""
        return self.prefetch_related("signature_reports")

    def for_card(self):
        """What an effort's status card shows (recalls/cards.py): no citations, no people."""
        Contest, Official = _models("recalls.Contest", "recalls.Official")

        return (
            self.select_related("office__jurisdiction")
            .prefetch_related(
                Prefetch("targets", queryset=Official.objects.only("name", "slug", "sort_name")),
                "signature_reports",
                Prefetch("contests", queryset=Contest.objects.select_related("election")),
            )
            .with_facts()
        )

    def for_detail(self):
        Contest, LegalInput, Official, Participant, SignatureReport = _models(
            "recalls.Contest",
            "recalls.LegalInput",
            "recalls.Official",
            "recalls.Participant",
            "recalls.SignatureReport",
        )
        roles = [value for value, _ in Participant._meta.get_field("role").choices]
        role_order = Case(*(When(role=role, then=Value(i)) for i, role in enumerate(roles)))
        return (
            self.select_related("office__jurisdiction")
            .with_facts()
            .prefetch_related(
                Prefetch("targets", queryset=Official.objects.only("name", "slug", "sort_name")),
                Prefetch("signature_reports", queryset=SignatureReport.objects.cited()),
                Prefetch(
                    "legal_inputs",
                    queryset=LegalInput.objects.prefetch_related(
                        Prefetch("citations", queryset=cited_by())
                    ),
                ),
                Prefetch(
                    "participants",
                    queryset=Participant.objects.select_related("official")
                    .order_by(role_order, "name", "official__sort_name")
                    .prefetch_related(Prefetch("citations", queryset=cited_by())),
                ),
                Prefetch(
                    "contests",
                    queryset=Contest.objects.select_related("election__jurisdiction")
                    .order_by(F("election__date_on").asc(nulls_last=True), "pk")
                    .prefetch_related(
                        Prefetch("citations", queryset=cited_by()),
                        Prefetch("candidacies", queryset=_candidacies()),
                        Prefetch("result_reports", queryset=_result_reports()),
                    ),
                ),
            )
        )


def tenures_newest_first():
    """Offices held, current first, then by start date, newest first; unknown starts last."""
    (Tenure,) = _models("recalls.Tenure")

    return Tenure.objects.select_related("office__jurisdiction").order_by(
        "-is_current",
        F("started_on").desc(nulls_last=True),
        F("ended_on").desc(nulls_last=True),
        "pk",
    )


class OfficialQuerySet(models.QuerySet):
    SORTS = {
        "name": ["sort_name", "name"],
        "efforts": ["-effort_count", "sort_name", "name"],  # needs for_list()'s count
    }

    def matching(self, term: str):
        return self.alias(aliases_text=Cast("aliases", TextField())).filter(
            text_match(term, "name", "sort_name", "aliases_text")
        )

    def sorted_by(self, key: str):
        return self.order_by(*self.SORTS.get(key, self.SORTS["name"]))

    def for_list(self):
        return (
            self.annotate(effort_count=Count("efforts_against", distinct=True))
            .sorted_by("name")
            .prefetch_related(Prefetch("tenures", queryset=tenures_newest_first()))
        )

    def for_detail(self):
        Candidacy, Participant, RecallEffort = _models(
            "recalls.Candidacy", "recalls.Participant", "recalls.RecallEffort"
        )

        return self.prefetch_related(
            Prefetch("citations", queryset=cited_by()),
            Prefetch(
                "tenures",
                queryset=tenures_newest_first().prefetch_related(
                    Prefetch("citations", queryset=cited_by())
                ),
            ),
            Prefetch(
                "efforts_against",
                queryset=RecallEffort.objects.select_related("office__jurisdiction").with_facts(),
            ),
            Prefetch(
                "candidacies",
                queryset=Candidacy.objects.select_related("contest__election"),
            ),
            Prefetch("participations", queryset=Participant.objects.select_related("effort")),
            Prefetch("mentions", queryset=confirmed_mentions(), to_attr="confirmed_mentions"),
        )


class ElectionQuerySet(models.QuerySet):
    def upcoming(self, today: dt.date | None = None):
        today = today or dt.date.today()
        return self.filter(date_on__gte=today).order_by("date_on", "date_precision", "name")

    SORTS = {
        "newest": [F("date_on").desc(nulls_last=True), "-date_precision", "name"],
        "oldest": [F("date_on").asc(nulls_last=True), "date_precision", "name"],
        "name": ["name", "pk"],
    }

    def matching(self, term: str):
        return self.filter(text_match(term, "name", "jurisdiction__name"))

    def sorted_by(self, key: str):
        return self.order_by(*self.SORTS.get(key, self.SORTS["newest"]))

    def for_list(self):
        """Newest first, undated last."""
        return (
            self.select_related("jurisdiction")
            .annotate(contest_count=Count("contests", distinct=True))
            .sorted_by("newest")
        )

    def for_detail(self):
        Contest, TimelineEvent = _models("recalls.Contest", "recalls.TimelineEvent")

        return self.select_related("jurisdiction").prefetch_related(
            Prefetch("citations", queryset=cited_by()),
            Prefetch(
                "events",
                queryset=TimelineEvent.objects.select_related("effort").prefetch_related(
                    Prefetch("citations", queryset=cited_by())
                ),
            ),
            Prefetch(
                "contests",
                queryset=Contest.objects.select_related(
                    "office__jurisdiction", "effort"
                ).prefetch_related(
                    Prefetch("citations", queryset=cited_by()),
                    Prefetch("candidacies", queryset=_candidacies()),
                    Prefetch("result_reports", queryset=_result_reports()),
                ),
            ),
        )


class TimelineEventQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by(*EVENT_NEWEST_FIRST)

    def latest_for_efforts(self):
        """Newest effort events first: the "latest updates" on the home page."""
        return self.filter(effort__isnull=False).select_related("effort").newest_first()
