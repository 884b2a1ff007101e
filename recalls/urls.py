from django.urls import path

from recalls import views

app_name = "recalls"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("recalls/", views.EffortListView.as_view(), name="effort_list"),
    path("recalls/<slug:slug>/", views.EffortDetailView.as_view(), name="effort_detail"),
    path("recalls/<slug:slug>/embed/", views.EffortEmbedView.as_view(), name="effort_embed"),
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
    path("elections/", views.ElectionListView.as_view(), name="election_list"),
    path("elections/<slug:slug>/", views.ElectionDetailView.as_view(), name="election_detail"),
]
