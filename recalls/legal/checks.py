"""``manage.py check`` (and every server start) refuses a broken rule file, in one line."""

from django.core import checks

from recalls.legal.rules import RuleFileError, rulebooks


@checks.register()
def rule_files_load(app_configs=None, **kwargs):
    try:
        rulebooks()
    except RuleFileError as error:
        return [checks.Error(str(error), id="recalls.E001", hint="See docs/LEGAL_CLOCK.md.")]
    return []
