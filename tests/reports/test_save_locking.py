"""The section save plans without a lock and locks the report only to write
(``reports.services.answers``): a colleague's save landing between the plan and the lock
is never overwritten nor lost, and a save that changes nothing takes no lock."""

import pytest

from reports.models import Answer, Report
from reports.services import answers as answer_services
from reports.services.answers import AnswerInput, answer_digest, section_save

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db


def _section(report):
    return layout_of(report).section(3)


def _typed(report, code, text, *, revision=0, original=None):
    return AnswerInput(
        key=item(report, code).key,
        text=text,
        value=None,
        revision=revision,
        original=answer_digest("", None) if original is None else original,
    )


def _stored(report, code):
    it = item(report, code)
    return Answer.objects.get(report=report, question=it.question, priority=None)


def _colleague_saves_before_each_lock(monkeypatch, report, user, codes):
    """Before each of the next ``len(codes)`` planned writes, ``user`` saves question
    ``codes[n]``, committed (as another request would, between this save's plan and its
    lock)."""
    real = answer_services._write
    pending = list(codes)
    busy = []

    def colleague_first(plan, **kwargs):
        if pending and not busy:
            code = pending.pop(0)
            busy.append(code)  # the colleague's own save writes as usual
            section_save(
                report=Report.objects.with_context().get(pk=report.pk),
                user=user,
                layout_section=_section(report),
                answers=[_typed(report, code, f"{user.username}'s {code}")],
            )
            busy.pop()
        return real(plan, **kwargs)

    monkeypatch.setattr(answer_services, "_write", colleague_first)
    return pending


def _save_as(report, user, code, text):
    return section_save(
        report=Report.objects.with_context().get(pk=report.pk),
        user=user,
        layout_section=_section(report),
        answers=[_typed(report, code, text)],
    )


def test_a_colleagues_save_of_the_same_answer_meanwhile_is_a_conflict_not_overwritten(
    report, alice, bob, monkeypatch
):
    before = Report.objects.get(pk=report.pk).revision
    _colleague_saves_before_each_lock(monkeypatch, report, bob, ["highlights"])
    result = _save_as(report, alice, "highlights", "Alice's highlights")

    assert Report.objects.get(pk=report.pk).revision == before + 1  # Bob's save alone
    key = item(report, "highlights").key
    assert set(result.conflicts) == {key}
    assert result.conflicts[key].theirs == "bob's highlights"
    assert not result.changed
    stored = _stored(report, "highlights")
    assert (stored.text, stored.revision) == ("bob's highlights", 1)


def test_a_colleagues_save_of_another_answer_meanwhile_keeps_both(report, alice, bob, monkeypatch):
    before = Report.objects.get(pk=report.pk).revision
    _colleague_saves_before_each_lock(monkeypatch, report, bob, ["lessons"])
    result = _save_as(report, alice, "highlights", "Alice's highlights")

    assert not result.has_conflicts and result.changed
    assert _stored(report, "highlights").text == "Alice's highlights"
    assert _stored(report, "lessons").text == "bob's lessons"
    assert result.report_revision == Report.objects.get(pk=report.pk).revision == before + 2
    assert Answer.history.filter(text="Alice's highlights").count() == 1


def test_a_save_still_contended_after_the_optimistic_rounds_plans_under_the_lock(
    report, alice, bob, monkeypatch
):
    """Each planned write finds a colleague's newer save: after OPTIMISTIC_ROUNDS plans
    the last is made under the lock, and goes through."""
    rounds = answer_services.OPTIMISTIC_ROUNDS
    codes = ["lessons", "challenges", "other_successes_detail"][:rounds]
    assert len(codes) == rounds
    pending = _colleague_saves_before_each_lock(monkeypatch, report, bob, codes)
    result = _save_as(report, alice, "highlights", "Alice's highlights")

    assert pending == []
    assert result.changed and not result.has_conflicts
    assert _stored(report, "highlights").text == "Alice's highlights"
    for code in codes:
        assert _stored(report, code).text == f"bob's {code}"


def test_a_save_that_changes_nothing_takes_no_lock(client, report, alice, monkeypatch):
    def no_lock(*args):
        raise AssertionError("locked for a save that writes nothing")

    monkeypatch.setattr(answer_services, "_lock", no_lock)
    client.force_login(alice)
    reply = client.post(section_url(report, 3, "reports:autosave"), section_data(report, 3))
    assert reply.status_code == 200
    assert reply.json()["ok"] is True


def test_a_report_submitted_before_the_lock_refuses_the_write(report, alice, monkeypatch):
    """Planned while a draft, locked once handed in: nothing is written."""
    from django.core.exceptions import PermissionDenied

    real = answer_services._lock

    def submitted_meanwhile(locked_report, user):
        Report.objects.filter(pk=report.pk).update(state="submitted")
        return real(locked_report, user)

    monkeypatch.setattr(answer_services, "_lock", submitted_meanwhile)
    with pytest.raises(PermissionDenied):
        _save_as(report, alice, "highlights", "Too late")
    assert not Answer.objects.filter(report=report, text="Too late").exists()
