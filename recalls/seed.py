"""Load the curated seed data (``fixtures/seed/*.yaml``, format in ``fixtures/seed/FORMAT.md``).

Records are matched by natural key and created or updated, so loading twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from articles.citations import citation_add
from articles.models import Article
from articles.services import import_paths, outlet_get_or_create
from editorial.context import as_system
from recalls.models import (
    Candidacy,
    Contest,
    Election,
    Jurisdiction,
    Office,
    Official,
    Participant,
    RecallEffort,
    Tenure,
    TimelineEvent,
)
from recalls.services import effort_sync_status

SEED_DIR = settings.BASE_DIR / "fixtures" / "seed"
SOURCES_DIR = settings.BASE_DIR / "fixtures" / "sources"


class SeedError(Exception):
    """The seed files are inconsistent; the message names the record."""


class SeedLoader:
    def __init__(self):
        self.articles: dict[str, Article] = {}
        self.counts: dict[str, int] = {}

    # -- helpers -----------------------------------------------------------------------

    def article(self, title: str) -> Article:
        if title not in self.articles:
            try:
                self.articles[title] = Article.objects.get(title=title)
            except Article.DoesNotExist:
                raise SeedError(f"no imported article titled {title!r}") from None
        return self.articles[title]

    @staticmethod
    def by_slug(model, slug, where: str):
        if slug is None:
            return None
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise SeedError(f"{where}: no {model._meta.verbose_name} with slug {slug!r}") from None

    def cite(self, subject, record: dict, where: str) -> None:
        for citation in record.get("citations") or []:
            try:
                citation_add(
                    subject=subject,
                    article=self.article(citation["article"]),
                    quote=citation["quote"],
                    field=citation.get("field") or "",
                    note=citation.get("note") or "",
                )
            except ValidationError as error:
                raise SeedError(f"{where}: {'; '.join(error.messages)}") from None

    @staticmethod
    def snapshot(obj) -> tuple:
        return tuple(
            getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.auto_created
        )

    def save(self, model, lookup: dict, values: dict, where: str, dates: dict | None = None):
        obj = model.objects.filter(**lookup).first() or model(**lookup)
        before = self.snapshot(obj) if obj.pk else None
        for name, value in values.items():
            setattr(obj, name, value)
        for name, value in (dates or {}).items():
            try:
                setattr(obj, name, value)
            except ValueError as error:
                raise SeedError(f"{where}: {error}") from None
        try:
            obj.full_clean()
        except ValidationError as error:
            raise SeedError(f"{where}: {error.message_dict}") from None
        if before != self.snapshot(obj):
            obj.save()
        key = model._meta.verbose_name_plural
        self.counts[key] = self.counts.get(key, 0) + 1
        return obj

    # -- sections ----------------------------------------------------------------------

    def load_articles(self, records):
        for record in records:
            article = self.article(record["title"])
            before = self.snapshot(article)
            if "published" in record:
                article.published = record["published"]
            if record.get("outlet"):
                article.outlet = outlet_get_or_create(name=record["outlet"])
            article.note = record.get("note", "")
            article.full_clean()
            if before != self.snapshot(article):
                article.save()

    def load_jurisdictions(self, records):
        for r in records:
            where = f"jurisdiction {r['slug']}"
            jurisdiction = self.save(
                Jurisdiction,
                {"slug": r["slug"]},
                {
                    "name": r["name"],
                    "kind": r["kind"],
                    "state": r.get("state") or "",
                    "parent": self.by_slug(Jurisdiction, r.get("parent"), where),
                },
                where,
            )
            self.cite(jurisdiction, r, where)

    def load_offices(self, records):
        for r in records:
            where = f"office {r['slug']}"
            office = self.save(
                Office,
                {"slug": r["slug"]},
                {
                    "title": r["title"],
                    "jurisdiction": self.by_slug(Jurisdiction, r["jurisdiction"], where),
                    "category": r["category"],
                    "seats": r.get("seats") or 1,
                },
                where,
            )
            self.cite(office, r, where)

    def load_officials(self, records):
        for r in records:
            where = f"official {r['slug']}"
            official = self.save(
                Official,
                {"slug": r["slug"]},
                {
                    "name": r["name"],
                    "sort_name": r.get("sort_name") or r["name"],
                    "aliases": list(r.get("aliases") or []),
                    "party": r.get("party") or "",
                    "bio": r.get("bio") or "",
                },
                where,
            )
            self.cite(official, r, where)

    def load_tenures(self, records):
        for r in records:
            where = f"tenure {r['official']} / {r['office']}"
            official = self.by_slug(Official, r["official"], where)
            office = self.by_slug(Office, r["office"], where)
            probe = Tenure()
            probe.started = r.get("started")
            tenure = self.save(
                Tenure,
                {"official": official, "office": office, "started_on": probe.started_on},
                {
                    "basis": r.get("basis") or "unknown",
                    "is_current": bool(r.get("is_current")),
                    "note": r.get("note") or "",
                },
                where,
                dates={"started": r.get("started"), "ended": r.get("ended")},
            )
            self.cite(tenure, r, where)

    def load_events(self, records, *, effort=None, election=None, where=""):
        for r in records or []:
            here = f"{where} event {r['description'][:40]!r}"
            event = self.save(
                TimelineEvent,
                {"effort": effort, "election": election, "description": r["description"]},
                {"status": r.get("status") or "", "date_note": r.get("date_note") or ""},
                here,
                dates={"date": r["date"]},
            )
            self.cite(event, r, here)

    def load_efforts(self, records):
        for r in records:
            where = f"effort {r['slug']}"
            values = {
                "title": r["title"],
                "kind": r.get("kind") or "recall",
                "office": self.by_slug(Office, r["office"], where),
                "target_count": r.get("target_count"),
                "summary": r.get("summary") or "",
                "note": r.get("note") or "",
            }
            for kind in ("required", "submitted", "valid"):
                values[f"signatures_{kind}"] = r.get(f"signatures_{kind}")
                values[f"signatures_{kind}_approximate"] = bool(
                    r.get(f"signatures_{kind}_approximate")
                )
            effort = self.save(
                RecallEffort,
                {"slug": r["slug"]},
                values,
                where,
                dates={key: r.get(key) for key in ("started", "ended", "deadline")},
            )
            effort.targets.set(
                [self.by_slug(Official, slug, where) for slug in r.get("targets") or []]
            )
            self.cite(effort, r, where)
            for p in r.get("participants") or []:
                here = f"{where} participant {p.get('official') or p.get('name')}"
                official = self.by_slug(Official, p.get("official"), here)
                lookup = {"effort": effort, "role": p["role"]}
                lookup.update({"official": official} if official else {"name": p["name"]})
                participant = self.save(
                    Participant,
                    lookup,
                    {
                        "name": "" if official else p["name"],
                        "kind": p.get("kind") or "person",
                        "description": p.get("description") or "",
                    },
                    here,
                )
                self.cite(participant, p, here)
            self.load_events(r.get("events"), effort=effort, where=where)
            effort_sync_status(effort=effort)

    def load_elections(self, records):
        for r in records:
            where = f"election {r['slug']}"
            election = self.save(
                Election,
                {"slug": r["slug"]},
                {
                    "name": r["name"],
                    "kind": r["kind"],
                    "jurisdiction": self.by_slug(Jurisdiction, r["jurisdiction"], where),
                    "date_note": r.get("date_note") or "",
                },
                where,
                dates={"date": r.get("date")},
            )
            self.cite(election, r, where)
            self.load_events(r.get("events"), election=election, where=where)
            for c in r.get("contests") or []:
                here = f"{where} contest {c['name']!r}"
                contest = self.save(
                    Contest,
                    {"election": election, "name": c["name"]},
                    {
                        "kind": c["kind"],
                        "office": self.by_slug(Office, c["office"], here),
                        "effort": self.by_slug(RecallEffort, c.get("effort"), here),
                        "yes_votes": c.get("yes_votes"),
                        "no_votes": c.get("no_votes"),
                        "outcome": c.get("outcome") or "",
                        "seats": c.get("seats") or 1,
                        "note": c.get("note") or "",
                    },
                    here,
                )
                self.cite(contest, c, here)
                for k in c.get("candidacies") or []:
                    there = f"{here} candidacy {k['official']}"
                    candidacy = self.save(
                        Candidacy,
                        {
                            "contest": contest,
                            "official": self.by_slug(Official, k["official"], there),
                        },
                        {
                            "status": k["status"],
                            "party": k.get("party") or "",
                            "is_incumbent": bool(k.get("is_incumbent")),
                            "votes": k.get("votes"),
                            "note": k.get("note") or "",
                        },
                        there,
                        dates={"declared": k.get("declared"), "withdrew": k.get("withdrew")},
                    )
                    self.cite(candidacy, k, there)

    SECTIONS = (
        "articles",
        "jurisdictions",
        "offices",
        "officials",
        "tenures",
        "efforts",
        "elections",
    )

    def load_file(self, path: Path):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise SeedError(f"{path.name}: not valid YAML: {error}") from None
        unknown = set(data) - set(self.SECTIONS)
        if unknown:
            raise SeedError(f"{path.name}: unknown sections {sorted(unknown)}")
        for section in self.SECTIONS:
            if data.get(section):
                getattr(self, f"load_{section}")(data[section])


def load_seed_data(*, seed_dir: Path = SEED_DIR, sources_dir: Path = SOURCES_DIR) -> dict:
    """Import the source documents, then load every seed file; all or nothing."""
    with transaction.atomic(), as_system("load_seed_data"):
        report = import_paths(paths=[str(sources_dir)])
        if report.failed:
            failures = "; ".join(f.line() for f in report.files if f.error)
            raise SeedError(f"the source documents did not import: {failures}")
        loader = SeedLoader()
        for path in sorted(seed_dir.glob("*.yaml")):
            loader.load_file(path)
    return {"articles imported": report.imported, **loader.counts}
