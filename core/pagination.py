"""Pages of a long, sorted list without paying for the rows before them."""

from functools import cached_property

from django.core.paginator import Page, Paginator


class IdsPage(Page):
    """A page whose ids can be read without its rows (for fragments cached per object)."""

    def __init__(self, object_list, number, paginator, ids=None):
        super().__init__(object_list, number, paginator)
        self._ids = ids

    @cached_property
    def ids(self) -> list:
        if self._ids is None:
            return [obj.pk for obj in self.object_list]
        return [row["pk"] for row in self._ids]


class DeferredJoinPaginator(Paginator):
    """Finds the page's ids first, then reads only those rows (a "deferred join").

    ``OFFSET n`` on the full query makes the database fetch and drop ``n`` whole rows (with
    their joins); on the ids alone it walks the sort's index, so the last page of 12,000
    efforts costs about what the first does. Still one query: the ids are a subquery.
    """

    def _get_page(self, *args, **kwargs):
        return IdsPage(*args, **kwargs)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        if not hasattr(queryset, "values") or queryset.query.distinct:
            return super().page(number)
        ids = queryset.values("pk")[bottom:top]
        return IdsPage(queryset.filter(pk__in=ids), number, self, ids=ids)
