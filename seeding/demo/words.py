"""Names, places, headlines and filler sentences for the demo data set, and ``Words``,
which draws from them with the generator's random source."""

from __future__ import annotations

import random

from recalls.models import EffortStatus


class Words:
    """Names, places and filler sentences, all drawn from the generator's random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.first = list(FIRST_NAMES)
        self.last = list(dict.fromkeys(h + t for h in SURNAME_HEADS for t in SURNAME_TAILS))
        self.places = [head + tail for head in PLACE_HEADS for tail in PLACE_TAILS]
        for names in (self.first, self.last, self.places):
            rng.shuffle(names)
        self.filler = [self._sentence() for _ in range(3000)]

    def person(self, index: int) -> tuple[str, str]:
        """(first, last): distinct below len(first) * len(last), whose sizes are coprime."""
        return self.first[index % len(self.first)], self.last[index % len(self.last)]

    def place(self, index: int) -> str:
        return self.places[index % len(self.places)]

    def outlets(self, count: int) -> list[str]:
        nouns = ["Ledger", "Courier", "Gazette", "Tribune", "Observer", "Herald", "Dispatch"]
        return [f"The {self.places[-1 - i]} {nouns[i % len(nouns)]}" for i in range(count)]

    def _sentence(self) -> str:
        rng = self.rng
        return rng.choice(FILLER).format(
            place=rng.choice(self.places),
            number=f"{rng.randrange(100, 90_000, 10):,}",
            group=rng.choice(GROUPS),
            issue=rng.choice(ISSUES),
            month=rng.choice(MONTHS),
        )

    def body(self, sentences: list[str], *, length: int) -> str:
        """Paragraphs of a few sentences, the given ones among the filler, about ``length`` long."""
        rng = self.rng
        parts = list(sentences)
        size = sum(len(part) + 1 for part in parts)
        while size < length:
            part = rng.choice(self.filler)
            parts.append(part)
            size += len(part) + 1
        rng.shuffle(parts)
        paragraphs, start = [], 0
        while start < len(parts):
            step = rng.randint(2, 5)
            paragraphs.append(" ".join(parts[start : start + step]))
            start += step
        return "\n\n".join(paragraphs)


FIRST_NAMES = [
    "Alma",
    "Ana",
    "Andre",
    "Ben",
    "Carla",
    "Chen",
    "Dana",
    "Diego",
    "Elena",
    "Eli",
    "Farah",
    "Frank",
    "Grace",
    "Hana",
    "Hugo",
    "Ines",
    "Ivan",
    "Jamal",
    "Jana",
    "June",
    "Kai",
    "Kara",
    "Leo",
    "Lena",
    "Luis",
    "Maya",
    "Marco",
    "Nadia",
    "Nate",
    "Noor",
    "Olga",
    "Omar",
    "Pat",
    "Paula",
    "Quinn",
    "Rafael",
    "Rosa",
    "Ruth",
    "Sam",
    "Sara",
    "Sofia",
    "Tariq",
    "Tess",
    "Uma",
    "Victor",
    "Vera",
    "Wade",
    "Wen",
    "Xavier",
    "Yara",
    "Yusuf",
    "Zoe",
    "Abel",
    "Bea",
    "Cyrus",
    "Dora",
    "Emil",
    "Fay",
    "Gus",
    "Hiro",
    "Ida",
]
SURNAME_HEADS = [
    "Al",
    "Bar",
    "Cal",
    "Dal",
    "Ell",
    "Fair",
    "Gar",
    "Hal",
    "Ing",
    "Jar",
    "Kel",
    "Lind",
    "Mar",
    "Nor",
    "Ost",
    "Pell",
    "Quar",
    "Ros",
    "Sal",
    "Thorn",
    "Ul",
    "Var",
    "Whit",
    "Yar",
    "Zell",
    "Brook",
    "Cro",
    "Dun",
    "Fen",
    "Gil",
]
SURNAME_TAILS = [
    "ford",
    "son",
    "ton",
    "ley",
    "wood",
    "man",
    "berg",
    "ridge",
    "well",
    "more",
    "stead",
    "ham",
    "ling",
    "vane",
    "sby",
    "dale",
    "mont",
    "wick",
    "ner",
    "field",
]
PLACE_HEADS = [
    "Oak",
    "Maple",
    "Cedar",
    "River",
    "Lake",
    "Pine",
    "Fair",
    "Green",
    "Stone",
    "Clear",
    "Red",
    "Silver",
    "Elk",
    "Bear",
    "Mill",
    "Ash",
    "Willow",
    "Spring",
    "Eagle",
    "Sun",
    "Falcon",
    "Iron",
    "Hazel",
    "Fox",
    "Crane",
    "Birch",
    "Rock",
    "Bell",
    "Glen",
    "West",
]
PLACE_TAILS = [
    "ton",
    "ville",
    "field",
    "dale",
    "wood",
    "haven",
    "port",
    "view",
    "brook",
    "ford",
    "mont",
    "crest",
    "side",
    "burg",
    "land",
    "hill",
    "shore",
    "grove",
    "vale",
    "water",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GROUPS = [
    "parents",
    "small-business owners",
    "union members",
    "retirees",
    "local pastors",
    "volunteers",
    "police officers",
    "teachers",
]
ISSUES = [
    "school reopening",
    "bail reform",
    "a property-tax increase",
    "police staffing",
    "a zoning change",
    "the water rates",
    "charging policies",
    "the budget shortfall",
]
FILLER = [
    "Organizers said they had gathered about {number} signatures so far.",
    "Supporters of the recall held a rally in downtown {place} in {month}.",
    "Critics argue that the campaign is driven by {issue}.",
    "A spokesperson for the county elections office declined to comment on the count.",
    "Many {group} in {place} say they feel ignored by City Hall.",
    "The committee reported raising {number} dollars, most of it from {group}.",
    "Opponents of the effort called it a costly distraction from {issue}.",
    "Election officials in {place} have {number} registered voters to verify against.",
    "A poll released in {month} found the electorate closely divided.",
    "The debate over {issue} has dominated public meetings for months.",
    "Volunteers set up tables outside grocery stores across {place}.",
    "Legal experts say the petition language could face a court challenge.",
    "The board voted to place the question on the ballot at its {month} meeting.",
    "Turnout in special elections is typically low, analysts noted.",
    "Residents packed the council chamber to speak about {issue}.",
    "The recall committee hired a professional signature-gathering firm.",
    "Local newspapers in {place} have covered the fight closely.",
    "A coalition of {group} launched a counter-campaign in {month}.",
]
NAMED = [
    "{name} said the effort was a waste of taxpayer money.",
    "Supporters accuse {name} of ignoring residents' concerns.",
    "{name} did not respond to a request for comment.",
    "In a statement, {name} promised to keep working for the community.",
    "Campaign finance filings show donors on both sides of the race involving {name}.",
    "{name} has held the office since winning a close election.",
]
SURNAMED = [
    "{surname} told reporters the campaign was politically motivated.",
    "Allies of {surname} say the numbers do not add up.",
    "A spokesperson for {surname} called the petition misleading.",
    "{surname} has faced criticism over the handling of the budget.",
]
HEADLINES = [
    "Recall campaign against {name} gathers momentum",
    "{name} faces growing pressure as petition deadline nears",
    "What to know about the effort to recall {name}",
    "Voters weigh the future of {name}",
    "Signature count begins in recall of {name}",
]
DEKS = [
    "Organizers say they are on track; election officials urge patience.",
    "The campaign has split the community over a single issue.",
    "",
    "A look at the money and the people behind the petition.",
]
BIOS = [
    "was first elected after a crowded primary.",
    "was appointed to fill a vacancy and later won election.",
    "is a former prosecutor and community organizer.",
    "served two terms on the city council before this office.",
]
SUMMARIES = [
    "Residents seek to remove {name} over the handling of the budget.",
    "A committee of parents launched a recall of {name} over school policy.",
    "Critics of {name} began a recall after a series of contested decisions.",
]
EVENTS = [
    "Proponents held a kickoff rally.",
    "The committee reported its first fundraising totals.",
    "A court rejected a challenge to the petition language.",
    "The official responded to the notice in a public statement.",
]
STATUS_EVENTS = {
    EffortStatus.UNDERWAY: "Residents announced a campaign to recall the official.",
    EffortStatus.NOTICE_FILED: "Proponents served and filed a notice of intention to recall.",
    EffortStatus.PETITION_APPROVED: "Election officials approved the petition for circulation.",
    EffortStatus.CIRCULATING: "Volunteers began gathering signatures.",
    EffortStatus.SUBMITTED: "Proponents submitted {n:,} signatures.",
    EffortStatus.VERIFICATION: "The registrar began verifying a random sample of the signatures.",
    EffortStatus.FULL_COUNT: "The random sample fell short of 110 percent, so every signature will be counted.",
    EffortStatus.QUALIFIED: "The registrar certified that the petition qualified for the ballot.",
    EffortStatus.ELECTION_SCHEDULED: "The board scheduled the recall election.",
    EffortStatus.RECALLED: "Voters removed the official from office.",
    EffortStatus.RETAINED: "Voters rejected the recall and the official kept the office.",
    EffortStatus.FAILED_TO_QUALIFY: "The petition failed to qualify for lack of valid signatures.",
    EffortStatus.ABANDONED: "Proponents abandoned the campaign before submitting signatures.",
    EffortStatus.RESIGNED: "The official resigned before the recall could go to a vote.",
}
