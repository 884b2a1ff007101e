"""The project's admin site: its headers name the whole tracker, not one app."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class TrackerAdminSite(admin.AdminSite):
    site_header = "Recall tracker — editors"
    site_title = "Recall tracker admin"
    index_title = "Curate recall efforts, people, elections and sources"


class TrackerAdminConfig(AdminConfig):
    default_site = "config.admin.TrackerAdminSite"
