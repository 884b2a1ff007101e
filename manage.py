#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # Missing configuration is the user's to fix: one line saying what, not a traceback.
        sys.exit(f"manage.py: {error}")


if __name__ == "__main__":
    main()
