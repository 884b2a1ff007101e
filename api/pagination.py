from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import NotFound

from core.pagination import DeferredJoinPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N`` (20 a page, as on the site), ``?page_size=`` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = DeferredJoinPaginator

    def paginate_ids(self, queryset, request, view=None) -> list:
        """``paginate_queryset``, but the page's ids and not its rows: for records cached
        one by one (ops/fragments.py ``cached_values``), loaded only when not cached."""
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            msg = self.invalid_page_message.format(page_number=page_number, message=str(exc))
            raise NotFound(msg) from exc
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return self.page.ids
