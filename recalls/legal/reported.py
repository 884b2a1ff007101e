"""The requirement as the sources report it, beside the computed one.

The one place the legal clock reads a reported figure: when the signature series
(``SignatureReport`` rows of kind ``required``) becomes the effort's source of truth, point
this function at the lead report instead of the effort's field.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reported:
    count: int
    approximate: bool
    citations: list


def reported_requirement(effort) -> Reported | None:
    """The effort's reported signature requirement with the citations that give it, if any."""
    if effort.signatures_required is None:
        return None
    return Reported(
        count=effort.signatures_required,
        approximate=effort.signatures_required_approximate,
        citations=[c for c in effort.citations.all() if c.field == "signatures_required"],
    )
