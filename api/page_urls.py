"""The API's one page of the site (under the language prefix): the trainer's tokens."""

from django.urls import path

from . import token_views

app_name = "api_tokens"
urlpatterns = [
    path("api-tokens/", token_views.token_list, name="list"),
    path("api-tokens/<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]
