from urllib.parse import urlsplit, urlunsplit

from django.http import HttpResponseRedirect
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def set_language(request):
    """The language switcher: Django's `set_language`, reading `next` in its own language.

    Django resolves `next` in the language the request is in (the cookie's or the browser's),
    so a /es/ page opened by an English browser never resolved and every button reloaded the
    same page. Here `next` is resolved in the language of its prefix, and a path that does
    not resolve (a 404 page) still changes its prefix.
    """
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


def _with_language_prefix(url: str, old: str, new: str) -> str:
    parts = urlsplit(url)
    path = parts.path.removeprefix(f"/{old}/")
    return urlunsplit(parts._replace(path=f"/{new}/{path}"))
