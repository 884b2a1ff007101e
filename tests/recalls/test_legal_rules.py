"""The legal clock's engine against figures published outside the rules.

Each test's docstring says where its figures were published; the rules file
(recalls/legal/rules/ca.yaml) never saw them.
"""

import datetime as dt

import pytest

from recalls.legal.calculator import (
    legal_clock,
    sample_size,
    share_of,
    thresholds,
    verification_outcome,
)
from recalls.legal.rules import RULES_DIR, RuleFileError, load_rulebook, rulebooks
from recalls.models import EffortKind, JurisdictionKind, LegalInput, LegalInputKind, OfficeCategory
from tests.factories import JurisdictionFactory, OfficeFactory, RecallEffortFactory

CA = rulebooks()["CA"]


def effort_for(jurisdiction_kind, category=OfficeCategory.EXECUTIVE, state="CA", **kwargs):
    jurisdiction = JurisdictionFactory.build(kind=jurisdiction_kind, state=state)
    office = OfficeFactory.build(jurisdiction=jurisdiction, category=category)
    return RecallEffortFactory.build(office=office, **kwargs)


def count(kind, value):
    return LegalInput(kind=kind, count=value)


def day(kind, value):
    return LegalInput(kind=kind, date_on=value)


def test_gubernatorial_recall_2021_requirement_is_12_percent_of_the_last_vote():
    """1,495,709 signatures = 12% of the 12,464,235 votes cast for governor in 2018.

    Published by the Secretary of State and reported by KESQ, 2021-03-11 ("The campaign
    needs 1,495,709 ... That number makes up 12% of the 12,464,235 votes cast in the last
    election for Governor, according to the Secretary of State's website",
    kesq.com/news/california/2021/03/11/petition-to-recall-gov-newsom-surpasses-2-million-
    signature-goal/), and as the threshold by KQED and The Hill, 2021-04-26.
    """
    governor = effort_for(JurisdictionKind.STATE)
    clock = legal_clock(
        effort=governor, inputs=[count(LegalInputKind.LAST_VOTE_FOR_OFFICE, 12_464_235)]
    )
    required = next(item for item in clock.computed if item.key == "signatures_required")
    assert required.value == 1_495_709
    assert required.section.startswith("Cal. Const. art. II, § 14(b)")
    assert required.detail == "12%"


def test_gubernatorial_recall_2021_deadline_is_160_days_after_approval():
    """Approved for circulation on 10 June 2020; 160 days ran to 17 November 2020.

    Secretary of State, CCROV memorandum of 2020-11-17 ("On June 10, 2020, the Secretary of
    State's office approved petitions for circulation for the recall of Governor Gavin
    Newsom" ... "to circulate petitions from November 17, 2020"); The Sacramento Bee, March
    2021 ("got the all-clear to begin collecting signatures on June 10 ... they had 160 days,
    or until Nov. 17"). The court's extension to 17 March 2021 is a reported fact, not law.
    """
    governor = effort_for(JurisdictionKind.STATE)
    clock = legal_clock(
        effort=governor,
        inputs=[day(LegalInputKind.PETITION_APPROVED_ON, dt.date(2020, 6, 10))],
    )
    assert clock.value("signature_deadline") == dt.date(2020, 11, 17)


def test_gascon_2022_random_sample_called_for_a_full_count():
    """Los Angeles County, July 2022: 715,860 signatures, a 5% sample of 35,793 with 27,983
    valid, against 566,857 required: neither sufficient nor failed, so a full count.

    MetNews, 2022-07-15 ("The office checked 35,793 signatures—5 percent of the total—and
    found 27,983 petition to be valid" ... "a check of all signatures will proceed"); the
    requirement 566,857 as KCRW and Crime and Consequences (2022-07) report it.
    """
    rule = CA.rule("verification", "local")
    assert sample_size(submitted=715_860, rule=rule) == 35_793
    projected = 27_983 * 715_860 // 35_793
    assert verification_outcome(required=566_857, projected_valid=projected, rule=rule) == (
        "full_count"
    )


def test_boudin_2021_random_sample_was_sufficient():
    """San Francisco, November 2021: 83,484 signatures, a 5% sample of 4,174, about 20.96%
    invalid, against 51,325 required: sufficient on the sample.

    SF Department of Elections letter quoted by The Epoch Times, 2021-11 ("reviewed 4,174
    signatures (5% of the total submitted) that were randomly selected from the 83,484
    signatures submitted ... a number of valid signatures greater than the minimum of 51,325");
    failure rate 20.96% per recallelections.blogspot.com, 2022-07.
    """
    rule = CA.rule("verification", "local")
    assert sample_size(submitted=83_484, rule=rule) == 4_174
    projected = 83_484 * (10_000 - 2_096) // 10_000
    assert verification_outcome(required=51_325, projected_valid=projected, rule=rule) == (
        "sufficient"
    )


@pytest.mark.parametrize(
    ("voters", "percent", "days"),
    [
        (999, 30, 40),
        (1_000, 25, 60),
        (4_999, 25, 60),
        (5_000, 25, 90),
        (9_999, 25, 90),
        (10_000, 20, 120),
        (49_999, 20, 120),
        (50_000, 15, 160),
        (99_999, 15, 160),
        (100_000, 10, 160),
    ],
)
def test_local_brackets_follow_the_statutes_words(voters, percent, days):
    """§ 11221(a) ("Thirty percent if the registration is less than 1,000" …) and § 11220(a)
    ("Forty days if the electoral jurisdiction has less than 1,000 registered voters" …)."""
    city = effort_for(JurisdictionKind.CITY)
    clock = legal_clock(
        effort=city,
        inputs=[
            count(LegalInputKind.REGISTERED_VOTERS, voters),
            day(LegalInputKind.PETITION_APPROVED_ON, dt.date(2021, 1, 1)),
        ],
    )
    assert clock.value("signatures_required") == share_of(voters, percent)
    assert clock.value("signature_deadline") == dt.date(2021, 1, 1) + dt.timedelta(days=days)


def test_percent_is_rounded_up_to_a_whole_signature():
    assert share_of(513_241, 10) == 51_325
    assert share_of(513_250, 10) == 51_325
    assert share_of(513_251, 10) == 51_326


def test_state_legislator_needs_20_percent():
    senator = effort_for(JurisdictionKind.STATE, category=OfficeCategory.LEGISLATIVE)
    clock = legal_clock(effort=senator, inputs=[count(LegalInputKind.LAST_VOTE_FOR_OFFICE, 1000)])
    assert clock.value("signatures_required") == 200


def test_thresholds_are_whole_signatures_around_110_and_90_percent():
    rule = CA.rule("verification", "local")
    limits = thresholds(required=1_000, rule=rule)
    assert (limits.sufficient_above, limits.insufficient_below) == (1_100, 900)
    assert verification_outcome(required=1_000, projected_valid=1_100, rule=rule) == "full_count"
    assert verification_outcome(required=1_000, projected_valid=1_101, rule=rule) == "sufficient"
    assert verification_outcome(required=1_000, projected_valid=900, rule=rule) == "full_count"
    assert verification_outcome(required=1_000, projected_valid=899, rule=rule) == "insufficient"


def test_local_election_window_counts_from_the_order():
    """§ 11242: "not less than 88, nor more than 125, days after the issuance of the order"."""
    city = effort_for(JurisdictionKind.CITY)
    clock = legal_clock(
        effort=city, inputs=[day(LegalInputKind.ELECTION_ORDERED_ON, dt.date(2022, 1, 1))]
    )
    window = clock.value("election_window")
    assert (window.earliest, window.latest, window.consolidated_latest) == (
        dt.date(2022, 3, 30),
        dt.date(2022, 5, 6),
        dt.date(2022, 6, 30),
    )


def test_missing_inputs_are_named():
    clock = legal_clock(effort=effort_for(JurisdictionKind.COUNTY), inputs=[])
    needs = {missing.key: missing.needs_text for missing in clock.missing}
    assert "registered voters" in needs["signatures_required"]
    assert "approved for circulation" in needs["signature_deadline"]
    assert clock.computed == []


def test_other_states_and_other_kinds_get_no_california_numbers():
    pennsylvania = effort_for(JurisdictionKind.CITY, state="PA")
    clock = legal_clock(effort=pennsylvania, inputs=[])
    assert not clock.applies
    assert clock.reason == "The recall rules for Pennsylvania are not in the tracker yet."
    impeachment = effort_for(JurisdictionKind.CITY, kind=EffortKind.IMPEACHMENT)
    assert not legal_clock(effort=impeachment, inputs=[]).applies


def test_every_rule_file_loads_and_every_rule_quotes_its_statute():
    books = rulebooks()
    assert "CA" in books
    for path in RULES_DIR.glob("*.yaml"):
        book = load_rulebook(path)
        assert all(rule.section and len(rule.words) > 40 for rule in book.rules)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("state: CA\nname: California\nlaw: x\nrules: []\n", "'rules' is missing"),
        (
            "state: CA\nname: C\nlaw: x\nrules:\n  - id: a\n    computes: signatures_required\n"
            "    officers: local\n    section: '§ 1'\n    input: registered_voters\n    percent: 10\n",
            "ca.yaml, rule 1 (a): 'words' is missing",
        ),
        (
            "state: CA\nname: C\nlaw: x\nrules:\n  - id: a\n    computes: signatures_required\n"
            "    officers: local\n    section: '§ 1'\n    words: w\n    input: registered_voters\n"
            "    percent_by_size:\n      - {below: 10, percent: 30}\n",
            "the last row must have no 'below'",
        ),
        ("state: PA\nname: C\nlaw: x\nrules: [1]\n", "name the file pa.yaml"),
        ("state: [unclosed\n", "ca.yaml: cannot be read"),
    ],
)
def test_a_broken_rule_file_is_refused_in_one_line(tmp_path, text, message):
    path = tmp_path / "ca.yaml"
    path.write_text(text)
    with pytest.raises(RuleFileError) as error:
        load_rulebook(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_django_check_reports_a_broken_rule_file(tmp_path, monkeypatch):
    from recalls.legal import checks, rules

    assert checks.rule_files_load() == []
    (tmp_path / "ca.yaml").write_text("state: CA\nname: C\nlaw: x\nrules: [1]\n")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    errors = checks.rule_files_load()
    assert [error.msg for error in errors] == ["ca.yaml, rule 1: a rule must be a mapping"]
