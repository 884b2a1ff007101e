"""Thin views: calendar files, CSV downloads and the statistics page."""

import itertools

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from exports import charts, csv_files, stats, updates
from exports.calendar import build_calendar
from recalls.filters import ElectionFilter, OfficialFilter, RecallEffortFilter
from recalls.models import Election, Official, RecallEffort, ResultReport, SignatureReport

# -- Calendar -------------------------------------------------------------------------------


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def site_calendar(request):
    today = timezone.localdate()
    content = build_calendar(
        "Recall tracker: elections and signature deadlines",
        updates.calendar_elections(today=today),
        updates.calendar_deadlines(today=today),
        request.build_absolute_uri,
    )
    return _calendar_response(content, "recalls.ics")


def effort_calendar(request, slug):
    effort = get_object_or_404(RecallEffort, slug=slug)
    today = timezone.localdate()
    content = build_calendar(
        f"Recall tracker: {effort.title}",
        updates.calendar_elections(today=today, effort=effort),
        updates.calendar_deadlines(today=today, effort=effort),
        request.build_absolute_uri,
    )
    return _calendar_response(content, f"{effort.slug}.ics")


# -- CSV ------------------------------------------------------------------------------------


def _csv_export(request, filterset, columns, filename, *, records_of=None):
    """The list page's records under the same query string, as a streamed CSV file
    (or, with ``records_of``, the rows that belong to those records)."""
    if not filterset.is_valid():
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
        return HttpResponseBadRequest(f"Invalid filters: {errors}", content_type="text/plain")
    queryset = records_of(filterset.qs) if records_of else filterset.qs
    # Each line is kept until its record changes (exports/csv_files.py ``cached_rows``): read
    # the ids, then load only the records whose lines are not cached. On PostgreSQL a
    # server-side cursor, whose fetches run under the deadline in web workers
    # (ops/db_timeouts.py).
    ids = queryset.values_list("pk", flat=True).iterator(chunk_size=csv_files.CHUNK_SIZE)
    # The first chunk is read before any header is sent: a database that fails now gives a
    # 503 (ops/health.py), not a 200 that breaks off after the header row.
    first = list(itertools.islice(ids, 1))
    lines = csv_files.cached_rows(
        f"csv:{filename}:{request.scheme}://{request.get_host()}",
        columns,
        itertools.chain(first, ids),
        # A list's records load without its filters; rows of those records (their
        # series) load with them.
        queryset.in_bulk if records_of else filterset.queryset.in_bulk,
        request.build_absolute_uri,
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def effort_csv(request):
    filterset = RecallEffortFilter(
        request.GET, queryset=RecallEffort.objects.for_list().with_signatures().sorted_by("newest")
    )
    return _csv_export(request, filterset, csv_files.EFFORT_COLUMNS, "recall-efforts.csv")


def signature_report_csv(request):
    """The signature series of the efforts ``/recalls/`` would list (or of ``?effort=<slug>``)."""
    efforts = RecallEffort.objects.all()
    if request.GET.get("effort"):
        efforts = efforts.filter(slug=request.GET["effort"])
    filterset = RecallEffortFilter(request.GET, queryset=efforts)
    return _csv_export(
        request,
        filterset,
        csv_files.SIGNATURE_REPORT_COLUMNS,
        "signature-reports.csv",
        records_of=lambda efforts: SignatureReport.objects.of_efforts(efforts),
    )


def official_csv(request):
    filterset = OfficialFilter(request.GET, queryset=Official.objects.for_list())
    return _csv_export(request, filterset, csv_files.OFFICIAL_COLUMNS, "officials.csv")


def election_csv(request):
    filterset = ElectionFilter(request.GET, queryset=Election.objects.for_list())
    return _csv_export(request, filterset, csv_files.ELECTION_COLUMNS, "elections.csv")


def results_csv(request):
    """Every reported count of the elections the list's filters select."""
    filterset = ElectionFilter(request.GET, queryset=Election.objects.for_list())
    return _csv_export(
        request,
        filterset,
        csv_files.RESULT_COLUMNS,
        "election-results.csv",
        records_of=lambda elections: ResultReport.objects.for_export(
            elections.values("pk").order_by()
        ),
    )


# -- Statistics -----------------------------------------------------------------------------


class StatsView(TemplateView):
    template_name = "exports/stats.html"

    def get_year(self) -> int | None:
        value = self.request.GET.get("year", "")
        return int(value) if value.isdigit() and 1 <= int(value) <= 9999 else None

    def get_context_data(self, **kwargs):
        year = self.get_year()
        every = stats.effort_facts(today=timezone.localdate())
        facts = stats.in_year(every, year)
        efforts, officials = stats.totals(facts)
        dimensions = stats.dimensions(facts)
        return super().get_context_data(
            year=year,
            years=stats.years(every),
            total_efforts=efforts,
            total_officials=officials,
            sections=[(d, charts.bar_chart(d)) for d in dimensions],
            **kwargs,
        )
