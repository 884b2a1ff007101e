"""Login lock-out (django-axes) with two limits and a client address a client cannot choose.

``AXES_LOCKOUT_PARAMETERS`` is ``[["username", "ip_address"], "ip_address"]``: the first
group locks one username at one address after ``AXES_FAILURE_LIMIT`` failures (so an
attacker elsewhere cannot lock an editor out); the second locks an address after
``AXES_ADDRESS_FAILURE_LIMIT`` failures over any usernames (password spraying). Axes
compares one count with one limit, so the handler reports whichever group is nearer its
own limit, on the scale of ``AXES_FAILURE_LIMIT``.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def remote_address(request) -> str | None:
    """The address of the peer: the only one a client cannot forge."""
    return request.META.get("REMOTE_ADDR")


def proxy_client_address(request) -> str | None:
    """Behind one trusted proxy: the rightmost X-Forwarded-For entry, the one the proxy
    appended. Entries to its left came from the client and are ignored."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    return forwarded or remote_address(request)


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # address >= AXES_ADDRESS_FAILURE_LIMIT  <=>  shifted >= AXES_FAILURE_LIMIT
        shifted = address - (settings.AXES_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT)
        return max(pair, shifted)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that username's failures at the address, not the
        address's failures for other usernames (or a sprayer with one account could reset)."""
        pair_attempts = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair_attempts.delete()
        return count
