"""A recall question's reported counts: the results series."""

from rest_framework import serializers

from api.serializers.common import CitationSerializer, partial_date
from recalls.models import ResultReport


class ResultReportSerializer(serializers.ModelSerializer):
    """One reported count of a recall question: unofficial (with the share counted) or certified."""

    date = partial_date(help_text="As of this date.")
    share_counted = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text="Percent of precincts or ballots counted, as the source gives it.",
    )
    is_latest = serializers.SerializerMethodField(
        help_text="The count the site leads with (certified first, then the newest)."
    )
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = ResultReport
        fields = [*ResultReport.COUNT_FIELDS, "is_latest", "note", "citations"]

    def get_is_latest(self, report) -> bool:
        return report.pk == report.contest.latest_result.pk
