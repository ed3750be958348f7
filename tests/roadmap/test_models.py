import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roadmap.checks import normalise, numbering_gaps
from roadmap.models import Country, Membership, Role
from tests.factories import (
    CountryFactory,
    MembershipFactory,
    PriorityFactory,
    RoadmapFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_country_code_must_be_two_capital_letters():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="vn", name="Viet Nam")


def test_a_person_holds_one_role_per_country():
    membership = MembershipFactory(role=Role.REPORTER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=membership.user, country=membership.country, role=Role.FOCAL_POINT
        )


def test_a_person_may_hold_roles_in_several_countries():
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REPORTER)
    MembershipFactory(user=user, role=Role.REVIEWER)
    assert user.memberships.count() == 2


def test_membership_role_must_be_known():
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), country=CountryFactory(), role="boss")


def test_priority_number_is_unique_within_its_theme():
    priority = PriorityFactory(number=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(theme=priority.theme, number=3)


def test_same_priority_number_is_fine_in_another_theme():
    priority = PriorityFactory(number=1)
    other_theme = ThemeFactory(roadmap=priority.roadmap)
    assert PriorityFactory(theme=other_theme, number=1).pk


def test_priority_theme_must_belong_to_its_roadmap():
    priority = PriorityFactory()
    priority.roadmap = RoadmapFactory()
    with pytest.raises(ValidationError) as excinfo:
        priority.full_clean()
    assert "theme" in excinfo.value.message_dict


def test_numbering_gaps_finds_the_missing_number():
    theme = ThemeFactory(name="Child labour prevention and education")
    for number in (1, 2, 3, 5):
        PriorityFactory(theme=theme, number=number)
    assert numbering_gaps(theme.roadmap) == {"Child labour prevention and education": [4]}


def test_normalise_ignores_case_spacing_and_final_full_stop():
    assert normalise("Raise  awareness.\n") == normalise("raise awareness")


def test_priority_label_quotes_theme_number_and_text():
    priority = PriorityFactory(theme__name="Child trafficking", number=2, text="Reduce poverty")
    assert priority.label == "Child trafficking 2. Reduce poverty"
