"""The trainer's access mixin (`sandbox/access.py`): the answers the trainer's pages give.

Every trainer page of the URL conf is walked in tests/production/test_trainer_pages.py; here
the mixin alone, on a view of its own, with users of their own (no sample data: quick)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views.generic import View

from api.access import acts_as_trainer
from sandbox.access import TrainerRequiredMixin
from sandbox.trainers import RESET_PERMISSION, trainers_group

pytestmark = pytest.mark.django_db


class ToolView(TrainerRequiredMixin, View):
    def get(self, request):
        return HttpResponse("the tool")

    post = get


@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user("t@sandbox.example", is_staff=True)
    user.groups.add(trainers_group())
    return user


@pytest.fixture
def someone(django_user_model):
    """Signed in, staff even, but not in the Trainers group."""
    return django_user_model.objects.create_user("s@sandbox.example", is_staff=True)


def request_as(method, user, path="/en/tool/?page=2"):
    request = getattr(RequestFactory(), method)(path)
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = user
    return request


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_signed_out_visitor_goes_to_the_trainers_sign_in_and_comes_back(method):
    response = ToolView.as_view()(request_as(method, AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/en/django-admin/login/?next=/en/tool/%3Fpage%3D2"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anyone_else_signed_in_gets_the_404_of_an_unknown_address(someone, method):
    """A POST without a CSRF token too: the access is decided before the token is checked."""
    with pytest.raises(Http404):
        ToolView.as_view()(request_as(method, someone))


def test_the_trainers_page_and_the_csrf_check_after_the_access(trainer):
    view = ToolView.as_view()
    assert view(request_as("get", trainer)).content == b"the tool"
    assert view(request_as("post", trainer)).status_code == 403  # no token: refused


def test_the_view_is_marked_for_the_tests_and_checks_csrf_itself():
    view = ToolView.as_view()
    assert view.trainer_only is True
    assert view.csrf_exempt is True  # the middleware leaves it to `dispatch`


def test_the_api_asks_the_pages_question(trainer, someone, django_user_model):
    """One source: the API's `acts_as_trainer` and the mixin agree, whoever asks (the
    permission given through the Trainers group, or to the user alone)."""
    direct = django_user_model.objects.create_user("d@sandbox.example")
    app_label, codename = RESET_PERMISSION.split(".")
    direct.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    direct = django_user_model.objects.get(pk=direct.pk)  # no cached permissions
    answers = {}
    for user in (trainer, someone, direct, AnonymousUser()):
        view = ToolView()
        view.setup(request_as("get", user))
        answers[str(user)] = (view.has_permission(), acts_as_trainer(user))
    assert [pages for pages, _api in answers.values()] == [True, False, True, False]
    assert all(pages is api for pages, api in answers.values()), answers
