"""The benchmark's parts import each other as ``benchlib`` (scripts/bench.py runs from
scripts/), so the tests of those parts see scripts/ on the path as well."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
