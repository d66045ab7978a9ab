"""One home for every concept: each value a model accepts has its label and its place in the order."""

from __future__ import annotations

from typing import get_args

import pytest

from checker import concepts


@pytest.mark.parametrize("literal,labels", [
    (concepts.Status, concepts.STATUS_LABEL),
    (concepts.Severity, concepts.SEVERITY_LABEL),
    (concepts.Category, concepts.CATEGORY_LABEL),
    (concepts.Level, concepts.LEVEL_LABEL),
    (concepts.Profile, concepts.PROFILE_LABEL),
    (concepts.Kind, concepts.KIND_LABEL),
])
def test_every_value_has_a_label_in_order(literal, labels):
    assert tuple(labels) == get_args(literal)


def test_status_order_and_values():
    assert concepts.JUDGED == ("met", "partial", "missing")
    assert [concepts.status_rank(s) for s in concepts.JUDGED] == [2, 1, 0]
    assert not concepts.is_judged("not_applicable") and not concepts.is_judged("ignored")
    assert concepts.GAPS == ("missing", "partial")


def test_severity_order():
    assert concepts.at_least("error", "error") and concepts.at_least("error", "warning")
    assert concepts.at_least("warning", "warning") and not concepts.at_least("warning", "error")
    assert not concepts.at_least("info", "warning")


@pytest.mark.parametrize("typed,profile", [
    ("government", "government"), ("County", "government"), ("city", "government"), ("province", "government"),
    (" street ", "township"), ("township", "township"), ("department", "department"),
    ("village", None), ("", None), (None, None),
])
def test_profiles_accept_the_level_names_users_type(typed, profile):
    assert concepts.profile_named(typed) == profile


def test_every_level_has_a_profile():
    assert set(concepts.PROFILE_OF_LEVEL) == set(concepts.LEVEL_LABEL)
    assert set(concepts.PROFILE_OF_LEVEL.values()) <= set(concepts.PROFILE_LABEL)
