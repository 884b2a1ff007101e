"""The parts of the newsroom-scale benchmark (scripts/bench.py): common settings, servers,
SQL per page (queries), page load, import, report."""
