"""The seed files' ``elections:`` section: elections, their contests, candidacies and counts."""

from __future__ import annotations

from django.utils.dateparse import parse_datetime

from recalls.models import (
    Candidacy,
    Contest,
    Election,
    Jurisdiction,
    Office,
    Official,
    RecallEffort,
    ResultReport,
)
from seeding.seed_registry import SeedRecords, seed_key


class ElectionLoader(SeedRecords):
    """Loads an election with what hangs from it (``SeedLoader`` adds ``load_events``)."""

    def load_elections(self, records):
        for r in records:
            where = f"election {r['slug']}"
            with self.skipping(where):
                self.load_election(r, where)

    def load_election(self, r: dict, where: str):
        key = seed_key("election", r["slug"])
        election = self.record(
            Election,
            source=r,
            key=key,
            where=where,
            fields={
                "slug": r["slug"],
                "name": r["name"],
                "kind": r["kind"],
                "jurisdiction": self.ref(Jurisdiction, "jurisdiction", r["jurisdiction"], where),
                "date_note": r.get("date_note") or "",
            },
            dates={"date": r.get("date")},
            adopt={"slug": r["slug"]},
        )
        if election is None:
            return
        self.load_events(r.get("events"), parent_key=key, where=where, election=election)
        for c in r.get("contests") or []:
            here = f"{where} contest {c['name']!r}"
            with self.skipping(here):
                contest_key = seed_key(key, "contest", c["name"])
                contest = self.record(
                    Contest,
                    source=c,
                    key=contest_key,
                    where=here,
                    fields={
                        "election": election,
                        "name": c["name"],
                        "kind": c["kind"],
                        "office": self.ref(Office, "office", c["office"], here),
                        "effort": self.ref(RecallEffort, "effort", c.get("effort"), here),
                        "outcome": c.get("outcome") or "",
                        "seats": c.get("seats") or 1,
                        "note": c.get("note") or "",
                    },
                    adopt={"election": election, "name": c["name"]},
                )
                if contest is not None:
                    self.load_candidacies(c, contest, contest_key, here)
                    self.load_results(c, contest, contest_key, here)

    def load_results(self, c: dict, contest, contest_key: str, where: str):
        """A recall question's reported counts, each with its quotes (``results:``)."""
        for r in c.get("results") or []:
            reported_at = r.get("reported_at")
            here = f"{where} count of {r['date']}{f' {reported_at}' if reported_at else ''}"
            status = "certified" if r.get("certified") else "unofficial"
            self.record(
                ResultReport,
                source=r,
                key=seed_key(contest_key, "result", r["date"], str(reported_at or ""), status),
                where=here,
                fields={
                    "contest": contest,
                    "reported_at": parse_datetime(reported_at) if reported_at else None,
                    "yes_votes": r.get("yes_votes"),
                    "no_votes": r.get("no_votes"),
                    "share_counted": r.get("share_counted"),
                    "share_basis": r.get("share_basis") or "",
                    "certified": bool(r.get("certified")),
                    "is_lead": bool(r.get("is_lead")),
                    "note": r.get("note") or "",
                },
                dates={"date": r["date"]},
            )

    def load_candidacies(self, c: dict, contest, contest_key: str, where: str):
        for k in c.get("candidacies") or []:
            here = f"{where} candidacy {k['official']}"
            with self.skipping(here):
                official = self.ref(Official, "official", k["official"], here)
                key = seed_key(contest_key, "candidacy", k["official"])
                self.record(
                    Candidacy,
                    source=k,
                    key=key,
                    where=here,
                    fields={
                        "contest": contest,
                        "official": official,
                        "status": k["status"],
                        "party": k.get("party") or "",
                        "is_incumbent": bool(k.get("is_incumbent")),
                        "votes": k.get("votes"),
                        "note": k.get("note") or "",
                    },
                    dates={"declared": k.get("declared"), "withdrew": k.get("withdrew")},
                    adopt={"contest": contest, "official": official},
                )
