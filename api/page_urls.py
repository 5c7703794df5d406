"""The API's one page of the site (under the language prefix): the trainer's tokens."""

from django.urls import path

from . import token_views

app_name = "api_tokens"
urlpatterns = [
    path("api-tokens/", token_views.TokenListView.as_view(), name="list"),
    path("api-tokens/<int:pk>/revoke/", token_views.TokenRevokeView.as_view(), name="revoke"),
]
