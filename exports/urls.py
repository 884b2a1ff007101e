from django.urls import path

from exports import feeds, views

app_name = "exports"

urlpatterns = [
    path("feeds/updates/", feeds.UpdatesFeed(), name="feed_updates"),
    path("feeds/recalls/<slug:slug>/", feeds.EffortFeed(), name="feed_effort"),
    path("feeds/officials/<slug:slug>/", feeds.OfficialFeed(), name="feed_official"),
    path("feeds/states/<str:state>/", feeds.StateFeed(), name="feed_state"),
    path("calendar.ics", views.site_calendar, name="calendar"),
    path("recalls/<slug:slug>/calendar.ics", views.effort_calendar, name="effort_calendar"),
    path("recalls/export.csv", views.effort_csv, name="effort_csv"),
    path(
        "recalls/signature-reports.csv",
        views.signature_report_csv,
        name="signature_report_csv",
    ),
    path("officials/export.csv", views.official_csv, name="official_csv"),
    path("elections/export.csv", views.election_csv, name="election_csv"),
    path("elections/results.csv", views.results_csv, name="results_csv"),
    path("stats/", views.StatsView.as_view(), name="stats"),
]
