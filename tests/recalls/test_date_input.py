"""Partial dates typed as the articles give them, read back the way the site shows them."""

import datetime as dt

import pytest

from core.date_input import UnreadableDate, read_partial_date
from core.dates import PartialDate, Precision


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("2022-06-07", "7 June 2022"),
        ("June 2022", "June 2022"),
        ("2022", "2022"),
        ("late October 2021", "late October 2021"),
        ("2021-10~", "October 2021 (approx.)"),
        ("7 June 2022", "7 June 2022"),
        ("June 7, 2022", "7 June 2022"),
        ("7th of June 2022", "7 June 2022"),
        ("Oct. 2021", "October 2021"),
        ("Sept. 2021", "September 2021"),
        ("early Jan 2022", "early January 2022"),
        ("mid-March 2022", "mid-March 2022"),
        ("end of October 2021", "late October 2021"),
        ("late 2021-10~", "late October 2021 (approx.)"),
        ("about 2019", "2019 (approx.)"),
        ("  JUNE   2022 ", "June 2022"),
        ("2021-10?", "October 2021 (approx.)"),
    ],
)
def test_reads_what_editors_type(typed, read_as):
    assert read_partial_date(typed).display() == read_as


@pytest.mark.parametrize(
    "shown",
    ["7 June 2022", "June 2022", "2019", "late October 2021 (approx.)", "mid-March 2022"],
)
def test_reads_back_what_the_site_shows(shown):
    value = read_partial_date(shown)
    assert value.display() == shown
    assert read_partial_date(value.display()) == value


def test_keeps_precision_and_approximation_for_sorting():
    assert read_partial_date("late October 2021 (approx.)") == PartialDate(
        dt.date(2021, 10, 21), Precision.LATE_MONTH, approximate=True
    )
    assert read_partial_date("2022").precision == Precision.YEAR


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("sometime next fall", "Could not read “sometime next fall” as a date: type 2022-06-07"),
        ("June", "Could not read “June” as a date"),
        ("2022-02-30", "February 2022 has no day 30"),
        ("2022-13", "there is no month 13"),
        ("late 2022", "early, mid or late needs a month and a year"),
        ("late 7 June 2022", "early, mid or late needs a month and a year and no day"),
        ("7 2022", "a day needs its month"),
        ("June June 2022", "Could not read"),
    ],
)
def test_unreadable_input_says_what_to_type(typed, says):
    with pytest.raises(UnreadableDate) as error:
        read_partial_date(typed)
    assert says in str(error.value)
