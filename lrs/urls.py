"""The xAPI resources, under /api/xapi/ (the spec's names, no trailing slashes)."""

from django.urls import path

from lrs import views

app_name = "lrs"

urlpatterns = [
    path("statements", views.statements, name="statements"),
    path("activities/state", views.state, name="state"),
    path("activities/profile", views.activity_profile, name="activity-profile"),
    path("activities", views.activities, name="activities"),
    path("agents/profile", views.agent_profile, name="agent-profile"),
    path("agents", views.agents, name="agents"),
    path("about", views.about, name="about"),
]
