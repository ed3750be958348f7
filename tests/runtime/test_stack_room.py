"""Requests and PDF layout run in a roomy chunk of CPython's frame stack (runtime.stack_room).

What the room saves is time (``make bench``, module ``stack``); here: that every request and
every PDF runs in it, and that it changes nothing of what they return or raise.
"""

import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path

from runtime import stack_room


def _in_room() -> bool:
    """Whether the caller runs below the roomy frame."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is stack_room._call_with_room.__code__:
            return True
        frame = frame.f_back
    return False


def test_the_roomy_frame_holds_the_slots_that_ask_for_a_big_chunk():
    assert stack_room._call_with_room.__code__.co_nlocals >= stack_room.SLOTS


def test_with_room_returns_what_the_function_returns():
    assert stack_room.with_room(lambda a, b: (a, b, _in_room()), 1, 2) == (1, 2, True)


def test_with_room_lets_an_exception_through():
    def fails():
        raise ValueError("kept")

    with pytest.raises(ValueError, match="kept"):
        stack_room.with_room(fails)


@pytest.mark.skipif(not stack_room.NEEDED, reason="this Python keeps a stack chunk itself")
def test_the_middleware_runs_the_request_in_the_room():
    seen = {}

    def view(request):
        seen["in_room"] = _in_room()
        return HttpResponse("done")

    response = stack_room.StackRoomMiddleware(view)(RequestFactory().get("/"))
    assert response.content == b"done"
    assert seen == {"in_room": True}


def test_the_middleware_is_the_outermost(settings):
    assert settings.MIDDLEWARE[0] == "runtime.stack_room.StackRoomMiddleware"


def _recording_view(request):
    return HttpResponse("in room" if _in_room() else "outside")


urlpatterns = [path("room/", _recording_view), path("", include("pathfinder.urls"))]


@pytest.mark.urls(__name__)
@pytest.mark.skipif(not stack_room.NEEDED, reason="this Python keeps a stack chunk itself")
def test_a_request_through_the_whole_middleware_runs_in_the_room(admin_client):
    assert admin_client.get("/room/").content == b"in room"


def test_a_pdf_is_laid_out_in_the_room(monkeypatch):
    from reports.documents import printer

    class Recording:
        def __init__(self, string):
            self.string = string

        def write_pdf(self):
            return b"in room" if _in_room() else b"outside"

    monkeypatch.setattr(printer, "HTML", Recording)
    assert printer.html_to_pdf("<p>x</p>") == (b"in room" if stack_room.NEEDED else b"outside")
