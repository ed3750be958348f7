"""The default validation rules every framework starts with (one service for all paths).

A framework made later (the admin, the demo, a factory) gets them from the ``post_save``
receiver below; frameworks that existed before rules did get them from the data migration,
which calls ``default_rules_ensure`` with its historical model. An admin then tunes them.
Messages are data (``Translatable``): English in the field, Vietnamese in ``translations``.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models.signals import post_save
from django.dispatch import receiver

from roadmap.models import Framework

from ..validation_models import RuleKind, Severity, ValidationRule

# kind: (severity, factor, English, Vietnamese)
DEFAULTS: dict[str, tuple[str, Decimal | None, str, str]] = {
    RuleKind.ACTIVITY_IN_CYCLE: (
        Severity.WARNING,
        None,
        "This date lies outside the report's period (%(start)s to %(end)s): check it, or "
        "explain it before submitting.",
        "Ngày này nằm ngoài kỳ báo cáo (%(start)s đến %(end)s): hãy kiểm tra lại, hoặc giải "
        "thích trước khi nộp.",
    ),
    RuleKind.ACTIVITY_END_AFTER_START: (
        Severity.ERROR,
        None,
        "An activity cannot end before it starts.",
        "Hoạt động không thể kết thúc trước khi bắt đầu.",
    ),
    RuleKind.PARTICIPANTS_ADD_UP: (
        Severity.ERROR,
        None,
        "Women (%(women)s) and men (%(men)s) together cannot exceed the total (%(total)s).",
        "Số nữ (%(women)s) và nam (%(men)s) cộng lại không thể vượt quá tổng số (%(total)s).",
    ),
    RuleKind.BREAKDOWN_ADDS_UP: (
        Severity.WARNING,
        None,
        "The break-down adds up to %(parts)s, not to the value %(value)s.",
        "Các phần chi tiết cộng lại bằng %(parts)s, không bằng giá trị %(value)s.",
    ),
    RuleKind.VALUE_JUMP: (
        Severity.WARNING,
        Decimal("10"),
        "%(value)s is more than %(factor)s times away from the previous cycle's %(previous)s.",
        "%(value)s chênh lệch hơn %(factor)s lần so với %(previous)s của kỳ trước.",
    ),
    RuleKind.VALUE_SOURCE: (
        Severity.WARNING,
        None,
        "Give the source of the value of “%(indicator)s”.",
        "Hãy ghi nguồn của giá trị “%(indicator)s”.",
    ),
}


def default_rules_ensure(*, framework_id: int, rule_model=ValidationRule) -> int:
    """Add the default rules ``framework_id`` lacks (those it has stay as tuned); returns
    how many were added. ``rule_model``: a data migration passes its historical model."""
    have = set(rule_model.objects.filter(framework_id=framework_id).values_list("kind", flat=True))
    missing = [
        rule_model(
            framework_id=framework_id,
            kind=str(kind),
            severity=str(severity),
            factor=factor,
            message=english,
            translations={"vi": {"message": vietnamese}},
        )
        for kind, (severity, factor, english, vietnamese) in DEFAULTS.items()
        if kind not in have
    ]
    rule_model.objects.bulk_create(missing)
    return len(missing)


@receiver(post_save, sender=Framework, dispatch_uid="default-validation-rules")
def framework_saved(
    sender, instance: Framework, created: bool, raw: bool = False, **kwargs
) -> None:
    if created and not raw:  # not while loaddata replays a fixture (it brings its rules)
        default_rules_ensure(framework_id=instance.pk)
