"""The webhooks API under /api/v1/organizations/<slug>/webhooks/."""

from django.urls import URLPattern, URLResolver, path

from webhooks import views

PREFIX = "organizations/<slug:organization_slug>/webhooks/endpoints"

urlpatterns: list[URLPattern | URLResolver] = [
    path(PREFIX, views.EndpointListView.as_view(), name="webhook-endpoints"),
    path(
        f"{PREFIX}/<uuid:endpoint_id>", views.EndpointDetailView.as_view(), name="webhook-endpoint"
    ),
    path(
        f"{PREFIX}/<uuid:endpoint_id>/rotate-secret",
        views.RotateSecretView.as_view(),
        name="webhook-endpoint-rotate-secret",
    ),
    path(
        f"{PREFIX}/<uuid:endpoint_id>/test",
        views.TestDeliveryView.as_view(),
        name="webhook-endpoint-test",
    ),
    path(
        f"{PREFIX}/<uuid:endpoint_id>/deliveries",
        views.DeliveryListView.as_view(),
        name="webhook-deliveries",
    ),
    path(
        f"{PREFIX}/<uuid:endpoint_id>/deliveries/<int:delivery_id>/redeliver",
        views.RedeliverView.as_view(),
        name="webhook-delivery-redeliver",
    ),
]
