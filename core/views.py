from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.generic import View
from django.views.i18n import set_language as django_set_language

from .centers import CENTERS_BY_NAMESPACE


class SetLanguageView(View):
    """The language switcher: Django's `set_language`, reading `next` in its own language.

    Django resolves `next` in the language the request is in (the cookie's or the browser's),
    so a /es/ page opened by an English browser never resolved and every button reloaded the
    same page. Here `next` is resolved in the language of its prefix, and a path that does
    not resolve (a 404 page) still changes its prefix. `View`: Django's own function view
    answers (a redirect, no template), this one corrects its answer.
    """

    def post(self, request):
        next_url = request.POST.get("next", "")
        language = request.POST.get("language", "")
        path_language = translation.get_language_from_path(urlsplit(next_url).path)
        with translation.override(path_language or translation.get_language()):
            response = django_set_language(request)
        if (
            isinstance(response, HttpResponseRedirect)
            and path_language
            and translation.check_for_language(language)
            and response.url == next_url
            and language != path_language
        ):
            response["Location"] = _with_language_prefix(next_url, path_language, language)
        return response

    get = post  # Django's answers a GET (and HEAD) too: back to `next`, the language as it was


def _with_language_prefix(url: str, old: str, new: str) -> str:
    parts = urlsplit(url)
    path = parts.path.removeprefix(f"/{old}/")
    return urlunsplit(parts._replace(path=f"/{new}/{path}"))


# What Django's CSRF check says when the form's token was replaced by a sign-in since.
CSRF_TOKEN_REPLACED = "CSRF token from POST incorrect."


def csrf_failure(request, reason=""):
    """A form sent without its valid security token (CSRF_FAILURE_VIEW): a translated page
    that says what happened, and, after a sign-in in this browser, the way back. A function,
    as Django's own `django.views.csrf.csrf_failure`: Django calls it with the reason."""
    context = {"signed_in_since": reason == CSRF_TOKEN_REPLACED}
    match = getattr(request, "resolver_match", None)
    center = CENTERS_BY_NAMESPACE.get(match.namespace) if match else None
    if context["signed_in_since"] and center is not None:
        query = urlencode({"next": request.path})
        context["sign_in_again_url"] = f"{reverse(center.sign_in_url_name)}?{query}"
        context["center"] = center
    return render(request, "403_csrf.html", context, status=403)
