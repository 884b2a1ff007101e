"""The legal clock on an effort's page: computed values apart from the reported ones."""

from django import template

from recalls.legal.calculator import LABELS, legal_clock
from recalls.legal.reported import reported_requirement

register = template.Library()


@register.inclusion_tag("recalls/_legal_clock.html", takes_context=True)
def legal_clock_for(context, effort):
    clock = legal_clock(effort=effort, inputs=effort.legal_inputs.all())
    return {
        "citation_numbers": context["citation_numbers"],
        "effort": effort,
        "clock": clock,
        "computed": dict.fromkeys(LABELS) | {item.key: item for item in clock.computed},
        "reported": reported_requirement(effort),
    }
