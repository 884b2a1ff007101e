"""Rate limits, read from settings on each request so they can be changed per deployment."""

from django.conf import settings
from rest_framework import throttling


class AnonThrottle(throttling.AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_RATE


class UserThrottle(throttling.UserRateThrottle):
    def get_rate(self):
        return settings.API_USER_RATE
