from rest_framework import pagination

from core.pagination import DeferredJoinPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N`` (20 a page, as on the site), ``?page_size=`` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = DeferredJoinPaginator
