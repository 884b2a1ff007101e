"""Load the curated seed data (``fixtures/seed/*.yaml``, format in ``fixtures/seed/FORMAT.md``).

Creates what is missing and leaves every existing record as it is (an editor may have
changed it); the report lists where the database differs from the seed. Loading twice
changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from articles.models import Article
from articles.services import import_paths, outlet_get_or_create
from editorial.context import as_system
from recalls.models import (
    Jurisdiction,
    Office,
    Official,
    Participant,
    RecallEffort,
    SignatureReport,
    Tenure,
    TimelineEvent,
)
from recalls.services import effort_sync_status
from seeding.seed_elections import ElectionLoader
from seeding.seed_identifiers import load_ocd_ids
from seeding.seed_mentions import load_seed_mentions
from seeding.seed_registry import SeedError, SeedReport, differences, seed_key

SEED_DIR = settings.BASE_DIR / "fixtures" / "seed"
SOURCES_DIR = settings.BASE_DIR / "fixtures" / "sources"


class SeedLoader(ElectionLoader):
    """Reads the sections of the seed files, parents before the records that refer to them."""

    def load_articles(self, records):
        """Dates and outlets the source files lack: filled in where empty, never replaced."""
        for r in records:
            article = self.article(r["title"])
            where = f"article {r['title'][:50]!r}"
            key = seed_key("article", r["title"], "curation")
            known, _ = self.registry.lookup(key, Article)
            fields = {"note": r.get("note", "")}
            if r.get("outlet"):
                fields["outlet"] = outlet_get_or_create(name=r["outlet"])
            dates = {"published": r["published"]} if "published" in r else {}
            empty = {n for n in fields if not getattr(article, n)} if not known else set()
            empty |= {n for n in dates if getattr(article, n) is None} if not known else set()
            for name in empty:
                setattr(article, name, {**fields, **dates}[name])
            if empty:
                article.full_clean()
                article.save()
            keep = {n: v for n, v in fields.items() if n not in empty}
            kept_dates = {n: v for n, v in dates.items() if n not in empty}
            self.report.differences += differences(article, keep, kept_dates, where)
            if not known:
                self.registry.add(key, article)

    def load_places(self, records, model, kind: str, fields):
        for r in records:
            where = f"{kind} {r['slug']}"
            with self.skipping(where):
                key = seed_key(kind, r["slug"])
                self.record(
                    model,
                    source=r,
                    key=key,
                    where=where,
                    fields={"slug": r["slug"], **fields(r, where)},
                    adopt={"slug": r["slug"]},
                )

    def load_jurisdictions(self, records):
        self.load_places(
            records,
            Jurisdiction,
            "jurisdiction",
            lambda r, where: {
                "name": r["name"],
                "kind": r["kind"],
                "state": r.get("state") or "",
                "parent": self.ref(Jurisdiction, "jurisdiction", r.get("parent"), where),
            },
        )

    def load_offices(self, records):
        self.load_places(
            records,
            Office,
            "office",
            lambda r, where: {
                "title": r["title"],
                "jurisdiction": self.ref(Jurisdiction, "jurisdiction", r["jurisdiction"], where),
                "category": r["category"],
                "seats": r.get("seats") or 1,
            },
        )

    def load_officials(self, records):
        self.load_places(
            records,
            Official,
            "official",
            lambda r, where: {
                "name": r["name"],
                "sort_name": r.get("sort_name") or r["name"],
                "aliases": list(r.get("aliases") or []),
                "party": r.get("party") or "",
                "bio": r.get("bio") or "",
            },
        )

    def load_tenures(self, records):
        for r in records:
            where = f"tenure {r['official']} / {r['office']}"
            with self.skipping(where):
                key = seed_key("tenure", r["official"], r["office"], str(r.get("started")))
                fields = {
                    "official": self.ref(Official, "official", r["official"], where),
                    "office": self.ref(Office, "office", r["office"], where),
                    "basis": r.get("basis") or "unknown",
                    "is_current": bool(r.get("is_current")),
                    "note": r.get("note") or "",
                }
                probe = Tenure()
                probe.started = r.get("started")
                self.record(
                    Tenure,
                    source=r,
                    key=key,
                    where=where,
                    fields=fields,
                    dates={"started": r.get("started"), "ended": r.get("ended")},
                    adopt={
                        "official": fields["official"],
                        "office": fields["office"],
                        "started_on": probe.started_on,
                    },
                )

    def load_events(self, records, *, parent_key: str, where: str, **parent) -> int:
        """Events are known by their description as the seed file words it; returns how
        many were created."""
        created = len(self.report.created)
        for r in records or []:
            here = f"{where} event {r['description'][:40]!r}"
            key = seed_key(parent_key, "event", r["description"])
            self.record(
                TimelineEvent,
                source=r,
                key=key,
                where=here,
                fields={
                    **parent,
                    "description": r["description"],
                    "status": r.get("status") or "",
                    "date_note": r.get("date_note") or "",
                },
                dates={"date": r["date"]},
                adopt={**parent, "description": r["description"]},
            )
        return len(self.report.created) - created

    def load_efforts(self, records):
        for r in records:
            where = f"effort {r['slug']}"
            with self.skipping(where):
                self.load_effort(r, where)

    def load_effort(self, r: dict, where: str):
        key = seed_key("effort", r["slug"])
        fields = {
            "slug": r["slug"],
            "title": r["title"],
            "aliases": list(r.get("aliases") or []),
            "kind": r.get("kind") or "recall",
            "office": self.ref(Office, "office", r["office"], where),
            "target_count": r.get("target_count"),
            "summary": r.get("summary") or "",
            "note": r.get("note") or "",
        }
        targets = [self.ref(Official, "official", slug, where) for slug in r.get("targets") or []]
        known = self.registry.lookup(key, RecallEffort)[0]
        effort = self.record(
            RecallEffort,
            source=r,
            key=key,
            where=where,
            fields=fields,
            dates={name: r.get(name) for name in ("started", "ended", "deadline")},
            adopt={"slug": r["slug"]},
        )
        if effort is None:
            return
        current = sorted(effort.targets.values_list("pk", flat=True))
        if not current and not known:
            effort.targets.set(targets)
        elif current != sorted(t.pk for t in targets):
            shown = sorted(effort.targets.values_list("slug", flat=True))
            wanted = sorted(t.slug for t in targets)
            self.report.differences.append(
                f"{where}: targets are {shown}, seed says {wanted} (kept)"
            )
        for p in r.get("participants") or []:
            here = f"{where} participant {p.get('official') or p.get('name')}"
            with self.skipping(here):
                official = self.ref(Official, "official", p.get("official"), here)
                who = {"official": official} if official else {"name": p["name"]}
                participant_key = seed_key(
                    key, "participant", p["role"], p.get("official") or p["name"]
                )
                self.record(
                    Participant,
                    source=p,
                    key=participant_key,
                    where=here,
                    fields={
                        "effort": effort,
                        "role": p["role"],
                        "official": official,
                        "name": "" if official else p["name"],
                        "kind": p.get("kind") or "person",
                        "description": p.get("description") or "",
                    },
                    adopt={"effort": effort, "role": p["role"], **who},
                )
        self.load_signature_reports(r.get("signature_reports"), effort, key, where)
        if self.load_events(r.get("events"), parent_key=key, where=where, effort=effort):
            effort_sync_status(effort=effort)

    def load_signature_reports(self, records, effort, effort_key: str, where: str):
        """The series; a report is known by its effort, kind, count and date as seeded."""
        for s in records or []:
            here = f"{where} signatures {s['kind']} {s['count']}"
            fields = {
                "effort": effort,
                "kind": s["kind"],
                "count": s["count"],
                "approximate": bool(s.get("approximate")),
                "date_note": s.get("date_note") or "",
            }
            self.record(
                SignatureReport,
                source=s,
                key=seed_key(effort_key, "signatures", s["kind"], str(s["count"]), s["date"]),
                where=here,
                fields=fields,
                dates={"date": s["date"]},
                # A report moved from the effort's old fields by migration 0007 is this one.
                adopt={"effort": effort, "kind": s["kind"], "count": s["count"]},
            )

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


def load_seed_data(
    *, seed_dir: Path = SEED_DIR, sources_dir: Path = SOURCES_DIR, dry_run: bool = False
) -> SeedReport:
    """Import the source documents, then create what the seed has and the database lacks.

    All or nothing; with ``dry_run`` everything is rolled back and only the report remains.
    """
    with transaction.atomic(), as_system("load_seed_data"):
        imported = import_paths(paths=[str(sources_dir)])
        if imported.failed:
            failures = "; ".join(f.line() for f in imported.files if f.error)
            raise SeedError(f"the source documents did not import: {failures}")
        loader = SeedLoader()
        loader.report.articles_imported = imported.imported
        for path in sorted(seed_dir.glob("*.yaml")):
            loader.load_file(path)
        load_ocd_ids(loader)
        load_seed_mentions(loader)
        if dry_run:
            transaction.set_rollback(True)
    return loader.report
