"""What does not change between requests, kept between them (issue 25): a questionnaire's
sections, questions and choices, and a roadmap version's active priorities with their
themes, as ``layout.build_layout`` lays them out.

Where: Django's cache (``CACHES["default"]``: the process's memory for ``make run``, Redis
when ``CACHE_URL`` or a Redis ``JOBS_URL`` says so, shared by every process), and in front
of it a small memo of this process, so a hit costs no round trip.

Keys: the questionnaire's id and ``structure_token``, the roadmap's id and
``structure_token`` (both read with the report: ``Report.objects.with_context``), and
``FORMAT``. Every write to a questionnaire, section, question or choice (here) and to a
roadmap, theme or priority (``roadmap.structure``) gives its questionnaire or roadmap a new
token in the same transaction, and so a new key: an admin's change shows on the next
request in every process, and nothing is ever deleted or stale (old keys expire). A
migration renews every token (``post_migrate``): a data migration's writes run no receiver.

Values: plain data (tuples of the rows' column values, in the order of ``_columns``),
never model instances: the models are made again from them on each request
(``Model.from_db``, as a query would), so a request can mark its instances without
touching the next one's, and the texts stay in every language (translated at render).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from roadmap.models import Priority, Roadmap, Theme
from roadmap.structure import new_structure_token

from .models import Choice, Question, Questionnaire, Section, parts_written

# Part of every key: raise it when what an entry holds changes shape, so a deploy never
# reads an entry written by the code before it.
FORMAT = 1
# Entries of replaced tokens are never read again; they go after this long unused (or
# when the cache culls them).
TIMEOUT = 7 * 24 * 3600
LOCAL_ENTRIES = 256

_local: OrderedDict[str, object] = OrderedDict()
_local_lock = threading.Lock()


def _columns(model: type[Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def questionnaire_key(questionnaire: Questionnaire) -> str:
    return f"pf:structure:{FORMAT}:q{questionnaire.pk}:{questionnaire.structure_token}"


def roadmap_key(roadmap: Roadmap) -> str:
    return f"pf:structure:{FORMAT}:r{roadmap.pk}:{roadmap.structure_token}"


def _questionnaire_rows(questionnaire_id: int) -> list:
    """[(section row, [(question row, [choice row, ...]), ...]), ...] in order (3 queries)."""
    sections = Section.objects.filter(questionnaire_id=questionnaire_id).order_by("order")
    questions = Question.objects.filter(section__questionnaire_id=questionnaire_id)
    choices = Choice.objects.filter(question__section__questionnaire_id=questionnaire_id)
    by_question: dict[int, list] = {}
    for row in choices.order_by("order", "pk").values_list(*_columns(Choice)):
        by_question.setdefault(row[2], []).append(row)  # 2: question_id
    by_section: dict[int, list] = {}
    for row in questions.order_by("order", "pk").values_list(*_columns(Question)):
        by_section.setdefault(row[2], []).append((row, by_question.get(row[0], [])))
    return [(row, by_section.get(row[0], [])) for row in sections.values_list(*_columns(Section))]


def _roadmap_rows(roadmap_id: int) -> list:
    """[(priority row, theme row), ...]: the active priorities in order (1 query)."""
    priorities = Priority.objects.active().filter(roadmap_id=roadmap_id).in_order()
    theme_columns = [f"theme__{name}" for name in _columns(Theme)]
    width = len(_columns(Priority))
    return [
        (row[:width], row[width:])
        for row in priorities.values_list(*_columns(Priority), *theme_columns)
    ]


def _entries(wanted: dict[str, Callable[[], list]]) -> dict[str, list]:
    """The entries under ``wanted``'s keys: from this process's memo, else the shared
    cache (one round trip for all), else built by ``wanted[key]()`` and kept in both."""
    found: dict[str, list] = {}
    with _local_lock:
        for key in wanted:
            if key in _local:
                _local.move_to_end(key)
                found[key] = _local[key]
    missing = [key for key in wanted if key not in found]
    if not missing:
        return found
    shared = cache.get_many(missing)
    built = {key: wanted[key]() for key in missing if key not in shared}
    if built:
        cache.set_many(built, TIMEOUT)
    with _local_lock:
        for key, value in {**shared, **built}.items():
            _local[key] = found[key] = value
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return found


def kept_in_process(key: str, build: Callable[[], object]) -> object:
    """``build()`` kept in this process's memo under ``key``, never in the shared cache:
    for what holds model instances (``layout.build_layout``'s laid-out items), which each
    process makes for itself from the shared rows. ``key`` must hold the tokens."""
    with _local_lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key]
    value = build()
    with _local_lock:
        _local[key] = value
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return value


def forget_local() -> None:
    """Empty this process's memo (tests that count the queries of a cold page)."""
    with _local_lock:
        _local.clear()


def _prefetched(instance: Model, name: str, related: list) -> None:
    """Hand ``related`` to ``instance`` as ``prefetch_related(name)`` would: ``.all()``
    reads them without a query; anything else (``.filter``) still queries."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = related
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {name: queryset}


def _sections(questionnaire: Questionnaire, rows: list) -> list[Section]:
    columns = (_columns(Section), _columns(Question), _columns(Choice))
    sections, questions = [], {}
    for section_row, question_rows in rows:
        section = Section.from_db(DEFAULT_DB_ALIAS, columns[0], section_row)
        section._state.fields_cache["questionnaire"] = questionnaire
        in_section = []
        for question_row, choice_rows in question_rows:
            question = Question.from_db(DEFAULT_DB_ALIAS, columns[1], question_row)
            question._state.fields_cache["section"] = section
            choices = [Choice.from_db(DEFAULT_DB_ALIAS, columns[2], row) for row in choice_rows]
            for choice in choices:
                choice._state.fields_cache["question"] = question
            _prefetched(question, "choices", choices)
            in_section.append(question)
            questions[question.pk] = question
        _prefetched(section, "questions", in_section)
        sections.append(section)
    # ``shown_if`` is the same instance, not a copy: no query to read its choices.
    for question in questions.values():
        if question.shown_if_id in questions:
            question._state.fields_cache["shown_if"] = questions[question.shown_if_id]
    return sections


def _priorities(roadmap: Roadmap, rows: list) -> list[Priority]:
    columns = (_columns(Priority), _columns(Theme))
    themes: dict[int, Theme] = {}
    priorities = []
    for priority_row, theme_row in rows:
        priority = Priority.from_db(DEFAULT_DB_ALIAS, columns[0], priority_row)
        theme = themes.get(priority.theme_id)
        if theme is None:
            theme = themes[priority.theme_id] = Theme.from_db(
                DEFAULT_DB_ALIAS, columns[1], theme_row
            )
            theme._state.fields_cache["roadmap"] = roadmap
        priority._state.fields_cache["theme"] = theme
        priority._state.fields_cache["roadmap"] = roadmap
        priorities.append(priority)
    return priorities


def layout_structure(
    questionnaire: Questionnaire, roadmap: Roadmap
) -> tuple[list[Section], list[Priority]]:
    """The questionnaire's sections (questions and their choices prefetched,
    ``question.shown_if`` the same instance) and the roadmap's active priorities in order
    (themes selected): no query when kept, four when not (then kept)."""
    q_key, r_key = questionnaire_key(questionnaire), roadmap_key(roadmap)
    entries = _entries(
        {
            q_key: lambda: _questionnaire_rows(questionnaire.pk),
            r_key: lambda: _roadmap_rows(roadmap.pk),
        }
    )
    return _sections(questionnaire, entries[q_key]), _priorities(roadmap, entries[r_key])


def structure_changed(questionnaire_id: int | None) -> None:
    """Give questionnaire ``questionnaire_id`` a new structure token (one UPDATE)."""
    if questionnaire_id:
        Questionnaire.objects.filter(pk=questionnaire_id).update(
            structure_token=new_structure_token()
        )


@receiver(post_save, sender=Questionnaire, dispatch_uid="pf-structure-questionnaire")
def _questionnaire_saved(sender, instance: Questionnaire, created: bool, **kwargs) -> None:
    if not created:  # a new row has a token of its own (the field's default)
        structure_changed(instance.pk)


@receiver(post_save, sender=Section, dispatch_uid="pf-structure-section")
@receiver(post_delete, sender=Section, dispatch_uid="pf-structure-section-d")
def _section_changed(sender, instance: Section, **kwargs) -> None:
    structure_changed(instance.questionnaire_id)


@receiver(post_save, sender=Question, dispatch_uid="pf-structure-question")
@receiver(post_delete, sender=Question, dispatch_uid="pf-structure-question-d")
def _question_changed(sender, instance: Question, **kwargs) -> None:
    # One UPDATE through the section, whose row need not be read.
    Questionnaire.objects.filter(sections__id=instance.section_id).update(
        structure_token=new_structure_token()
    )


@receiver(post_save, sender=Choice, dispatch_uid="pf-structure-choice")
@receiver(post_delete, sender=Choice, dispatch_uid="pf-structure-choice-d")
def _choice_changed(sender, instance: Choice, **kwargs) -> None:
    Questionnaire.objects.filter(sections__questions__id=instance.question_id).update(
        structure_token=new_structure_token()
    )


@receiver(parts_written, dispatch_uid="pf-structure-parts-bulk")
def _parts_written(sender, questionnaire_ids: set[int], **kwargs) -> None:
    """A queryset's bulk write of sections, questions or choices, which sends no
    post_save: the questionnaires written get new tokens all the same."""
    for questionnaire_id in sorted(questionnaire_ids):
        structure_changed(questionnaire_id)


@receiver(post_migrate, dispatch_uid="pf-structure-migrated")
def _migrated(sender: AppConfig, apps=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """A data migration may rewrite questions or priorities through historical models,
    which no receiver hears: after a migration (or a flush) every token is new."""
    if sender.label != "reports":
        return
    apps = apps or global_apps
    for label in ("reports.Questionnaire", "roadmap.Roadmap"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if "structure_token" in {f.name for f in model._meta.get_fields()}:
            model._base_manager.using(using).update(structure_token=new_structure_token())
