"""The import benchmark's repeated runs (scripts/benchlib/imports.py): every run imports
into a fresh copy of one database, and the rate reported is the median run's."""

import sqlite3

from benchlib.imports import fresh_copies, median_run


def test_every_run_gets_a_fresh_copy_of_the_same_sqlite_database(tmp_path):
    base = tmp_path / "bench.sqlite3"
    with sqlite3.connect(base) as db:
        db.execute("CREATE TABLE article (title TEXT)")
        db.execute("INSERT INTO article VALUES ('seeded')")
    fresh = fresh_copies({"DATABASE_URL": f"sqlite:///{base}", "OTHER": "kept"})

    first = fresh()
    assert first["OTHER"] == "kept"
    copy = first["DATABASE_URL"].split(":///", 1)[1]
    assert copy != str(base)
    with sqlite3.connect(copy) as db:
        db.execute("INSERT INTO article VALUES ('imported by the first run')")

    second = fresh()
    with sqlite3.connect(second["DATABASE_URL"].split(":///", 1)[1]) as db:
        assert db.execute("SELECT title FROM article").fetchall() == [("seeded",)]
    with sqlite3.connect(base) as db:
        assert db.execute("SELECT title FROM article").fetchall() == [("seeded",)]


def test_the_median_run_is_reported_with_every_run():
    runs = [
        {"seconds": s, "startup_seconds": 2.0, "steady_articles_per_second": r, "cpu_seconds": 9}
        for s, r in ((5.3, 303.0), (6.0, 250.0), (4.9, 345.0))
    ]
    result = median_run(runs)
    assert result["steady_articles_per_second"] == 303.0 and result["seconds"] == 5.3
    assert [run["steady_articles_per_second"] for run in result["runs"]] == [250.0, 303.0, 345.0]
