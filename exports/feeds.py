"""Atom feeds of updates: site-wide, per effort, per official, per state.

An entry is a timeline event: what happened (and the status it moved the effort to), when,
a link to the effort's (or election's) page and a ``rel="related"`` link to the source.

Each entry's fields are kept per event until what it shows changes (ops/fragments.py): a
feed reads its events' ids, then its entries with two cache calls, and loads only the
events whose entry is missing or stale.
"""

from urllib.parse import urljoin

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from exports import updates
from ops.fragments import cached_values
from ops.page_parts import kept_for_request
from recalls.models import EffortStatus, Official, RecallEffort
from recalls.models.places import US_STATES
from recalls.staleness import effort_standing, today


class AtomWithSources(Atom1Feed):
    """Atom, with each entry's source article as ``<link rel="related">``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for url, title in item.get("sources", ()):
            href = urljoin(self.feed["link"], url)
            handler.addQuickElement("link", "", {"rel": "related", "href": href, "title": title})


class UpdatesFeed(Feed):
    feed_type = AtomWithSources
    title = "Recall tracker: all updates"
    subtitle = "New events in recall campaigns and elections, each with its source."

    def __call__(self, request, *args, **kwargs):
        """The written feed, kept until what it shows changes (ops/page_parts.py)."""
        body, content_type, modified = kept_for_request(
            request, lambda: self.written(request, *args, **kwargs)
        )
        response = HttpResponse(body, content_type=content_type)
        response.headers["Last-Modified"] = modified
        return response

    def written(self, request, *args, **kwargs) -> tuple[bytes, str, str]:
        response = super().__call__(request, *args, **kwargs)
        return response.content, response["Content-Type"], response["Last-Modified"]

    def link(self, obj=None):
        return reverse("recalls:home")

    def items(self, obj=None):
        """None through Django's loop: ``get_feed`` adds the entries, from the cache."""
        return ()

    def event_ids(self, obj=None):
        return updates.updates()

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)  # the feed's own fields
        domain, secure = get_current_site(request).domain, request.is_secure()
        for entry in cached_values(
            f"feed_entry:{request.scheme}://{request.get_host()}",
            self.event_ids(obj),
            updates.feed_events,
            lambda event: self.entry(event, domain, secure),
        ):
            feed.add_item(**entry)
        return feed

    def entry(self, event, domain: str, secure: bool) -> dict:
        """What Django's ``Feed.get_feed`` passes to ``add_item`` for ``event``."""
        link = add_domain(domain, self.item_link(event), secure)
        return {
            "title": self.item_title(event),
            "link": link,
            "description": self.item_description(event),
            "unique_id": link,
            "unique_id_is_permalink": None,
            "enclosures": [],
            "pubdate": self.item_pubdate(event),
            "updateddate": self.item_updateddate(event),
            "author_name": None,
            "author_email": None,
            "author_link": None,
            "comments": None,
            "categories": self.item_categories(event),
            "item_copyright": None,
            **self.item_extra_kwargs(event),
        }

    def item_title(self, event):
        name = event.effort.title if event.effort else event.election.name
        status = f": {EffortStatus(event.status).label}" if event.status else ""
        return f"{name}{status} — {event.date}"

    def item_description(self, event):
        moved = (
            f" Status: {EffortStatus(event.status).label}."
            if event.status in EffortStatus.values
            else ""
        )
        sources = "; ".join(
            f"{c.article.title} ({c.article.outlet.name})" if c.article.outlet else c.article.title
            for c in event.citations.all()
        )
        source = f" Source: {sources}." if sources else ""
        return f"{event.date}: {event.description}{moved}{source}"

    def item_link(self, event):
        subject = event.effort or event.election
        return f"{subject.get_absolute_url()}#event-{event.pk}"

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.created_at

    def item_categories(self, event):
        return [event.status] if event.status else []

    def item_extra_kwargs(self, event):
        seen, sources = set(), []
        for citation in event.citations.all():
            article = citation.article
            if article.pk in seen:
                continue
            seen.add(article.pk)
            sources.append((article.url or article.get_absolute_url(), article.title))
        return {"sources": sources}


class EffortFeed(UpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(RecallEffort.objects.with_facts(), slug=slug)

    def title(self, effort):
        return f"Recall tracker: {effort.title}"

    def subtitle(self, effort):
        standing = effort_standing(effort, today=today())
        if standing.stale:
            status = f"outcome not reported since {standing.since}"
        else:
            status = effort.get_status_display()
            status += f" as of {standing.since}" if standing.since else ""
        return f"Updates on {effort.title}, each with its source. Status: {status}."

    def link(self, effort):
        return effort.get_absolute_url()

    def event_ids(self, effort):
        return updates.updates(updates.effort_scope(effort))


class OfficialFeed(UpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Official, slug=slug)

    def title(self, official):
        return f"Recall tracker: {official.name}"

    def subtitle(self, official):
        return f"Updates on recall efforts against {official.name}."

    def link(self, official):
        return official.get_absolute_url()

    def event_ids(self, official):
        return updates.updates(updates.official_scope(official))


STATE_NAMES = dict(US_STATES)


class StateFeed(UpdatesFeed):
    def get_object(self, request, state):
        state = state.upper()
        if state not in STATE_NAMES:
            raise Http404("No such state")
        return state

    def title(self, state):
        return f"Recall tracker: {STATE_NAMES[state]}"

    def subtitle(self, state):
        return f"Updates on recall campaigns and elections in {STATE_NAMES[state]}."

    def link(self, state):
        return f"{reverse('recalls:effort_list')}?state={state}"

    def event_ids(self, state):
        return updates.updates(updates.state_scope(state))
