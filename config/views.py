from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the admin pages say nothing."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
