"""A class made by an LMS launch is the trainer's who registered the LMS (issue 26): they
see and run it; another trainer does not."""

import pytest
from django.test import Client
from django.urls import reverse

from lms.models import CourseLink
from sandbox.trainers import trainer_add

from .conftest import launch
from .platform import INSTRUCTOR

pytestmark = pytest.mark.django_db


def test_the_launched_class_is_the_registering_trainer_s_only(platform, trainer):
    launch(Client(), platform)
    classroom = CourseLink.objects.get().classroom
    assert classroom.owner == trainer
    other, _link = trainer_add(email="rosa@training.example", name="Rosa Díaz", link_base="")
    browser = Client()
    browser.force_login(other)
    board = reverse("classes:board", kwargs={"code": classroom.code})
    assert browser.get(board).status_code == 404
    # The instructor's launch signs in as the registering trainer, on that board.
    instructor = Client()
    response, _auth, _token = launch(instructor, platform, roles=[INSTRUCTOR])
    assert instructor.get(response["Location"]).status_code == 200
