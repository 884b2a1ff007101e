"""The requirement as the sources report it, beside the computed one.

The one place the legal clock reads a reported figure: the lead report of kind ``required``
in the effort's signature series (``recalls.signatures``), with that report's citations.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reported:
    count: int
    approximate: bool
    citations: list


def reported_requirement(effort) -> Reported | None:
    """The effort's reported signature requirement with the citations that give it, if any."""
    figure = effort.signatures.required
    if figure is None:
        return None
    return Reported(
        count=figure.count,
        approximate=figure.approximate,
        citations=list(figure.lead.citations.all()),
    )
