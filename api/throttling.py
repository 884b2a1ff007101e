"""Rate limits, read from settings on each request so they can be changed per deployment.

The count is one counter per client in the shared cache, raised atomically, so the limit
holds whichever worker or server answers: DRF's default keeps a list of timestamps that it
reads and writes back, and workers racing on it each see room. A client's window opens with
its first request and lasts the rate's period.
"""

from django.conf import settings
from rest_framework import throttling


class SharedCounterThrottle(throttling.SimpleRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        self.cache.add(self.key, 0, self.duration)
        self.cache.add(f"{self.key}:start", self.now, self.duration)
        try:
            count = self.cache.incr(self.key)
        except ValueError:  # the window closed between the two calls
            self.cache.add(self.key, 1, self.duration)
            count = 1
        return count <= self.num_requests

    def wait(self):
        started = self.cache.get(f"{self.key}:start", self.now)
        return max(1.0, started + self.duration - self.timer())


class AnonThrottle(SharedCounterThrottle, throttling.AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_RATE


class UserThrottle(SharedCounterThrottle, throttling.UserRateThrottle):
    def get_rate(self):
        return settings.API_USER_RATE
