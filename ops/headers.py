"""Security headers Django does not set itself: Permissions-Policy."""

from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": []}`` → ``camera=()``: an empty list denies the feature everywhere."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    """Sets Permissions-Policy from ``PERMISSIONS_POLICY`` on every response.

    First in MIDDLEWARE, so that static files (WhiteNoise) and the 503 page get it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
