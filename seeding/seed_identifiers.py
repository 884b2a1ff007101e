"""Stable identifiers for the seeded records, from the lists in ``fixtures/identifiers/``.

Each ID was copied from a published list (origin in ``fixtures/identifiers/README.md``) and
is stored with a link to that list at the recorded commit. An empty ID is filled; one an
editor set (or removed, after the seed filled it) is kept and reported when it differs.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.core.exceptions import ValidationError

from recalls.models import Jurisdiction
from seeding.seed_registry import SeedError, SeedRecords, seed_key

IDENTIFIERS_DIR = settings.BASE_DIR / "fixtures" / "identifiers"
OCD_REPOSITORY = "https://github.com/opencivicdata/ocd-division-ids"
OCD_COMMIT = "7080566f4ab7c4286cd9ffa1bd27f928c2cc888c"


def ocd_source_url(path: str) -> str:
    return f"{OCD_REPOSITORY}/blob/{OCD_COMMIT}/{path}"


def load_ocd_ids(loader: SeedRecords, *, directory=IDENTIFIERS_DIR) -> None:
    path = directory / "ocd-divisions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name} line {line}: jurisdiction {row['jurisdiction']}"
            jurisdiction = Jurisdiction.objects.filter(slug=row["jurisdiction"]).first()
            if jurisdiction is None:
                raise SeedError(f"{where}: no such jurisdiction in the seed")
            key = seed_key("jurisdiction", row["jurisdiction"], "ocd_id")
            known, _ = loader.registry.lookup(key, Jurisdiction)
            wanted = row["ocd_id"]
            if not known and not jurisdiction.ocd_id:
                jurisdiction.ocd_id = wanted
                jurisdiction.ocd_id_source = ocd_source_url(row["source_path"])
                jurisdiction.version += 1  # an editor's form opened before this is refused
                try:
                    jurisdiction.full_clean()
                except ValidationError as error:
                    raise SeedError(f"{where}: {'; '.join(error.messages)}") from None
                jurisdiction.save(update_fields=["ocd_id", "ocd_id_source", "version"])
                loader.report.created.append(f"{where}: OCD ID {wanted}")
                loader.report.created_counts["OCD division IDs"] += 1
                loader.registry.add(key, jurisdiction)
            elif jurisdiction.ocd_id != wanted:
                loader.report.differences.append(
                    f"jurisdiction {row['jurisdiction']}: ocd_id is {jurisdiction.ocd_id!r}, "
                    f"seed says {wanted!r} (kept)"
                )
            elif not known:
                loader.registry.add(key, jurisdiction)
