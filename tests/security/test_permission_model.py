"""One permission model: every check asks ``has_perm``, never a group's name.

An administrator renames the role groups (and re-runs setup_bureau after an upgrade):
nothing changes for anyone. Giving a declared permission to another group is what grants
the action; taking it away is what refuses it.
"""

import re
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms import roles
from cms import services as cms_services
from review import setup
from review.models import LegalReviewTask
from search.selectors import visibility_for
from tests import factories
from tests.review import helpers as h

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "review", "search", "reports", "prereview")


def _rename_every_role_group():
    for group in cms_services.roles_ensure().values():
        group.name = f"{group.name}（已改名）"
        group.save()


def test_no_code_compares_a_group_name():
    pattern = re.compile(r"groups\.filter\(\s*name|groups__name|user\.groups\..*name__in")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_renaming_the_role_groups_changes_nothing_even_after_setup_runs_again(
    client, workflows, jiuzhu, jiuzhu_drafter, adviser, office_user
):
    _rename_every_role_group()
    groups_before = Group.objects.count()
    setup.workflows_ensure()  # what setup_bureau runs after an upgrade
    assert Group.objects.count() == groups_before
    assert adviser.groups.get().name == "法律顾问（已改名）"

    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    state = h.current_state(page)
    assert state.task.specific.user_can_act(page, adviser)
    assert visibility_for(adviser).all_items
    client.force_login(office_user)
    assert client.get(reverse("reports_index")).status_code == 200


def test_setup_gives_an_existing_role_group_the_newly_declared_permissions(groups):
    adviser_group = groups["adviser"]
    sign = Permission.objects.get(codename="sign_legalopinion")
    adviser_group.permissions.remove(sign)
    cms_services.roles_ensure()
    assert adviser_group.permissions.filter(pk=sign.pk).exists()


def test_a_group_member_without_the_declared_permission_cannot_sign_the_opinion(
    workflows, jiuzhu, jiuzhu_drafter, adviser
):
    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    task = h.current_state(page).task.specific
    assert isinstance(task, LegalReviewTask)
    adviser.groups.get().permissions.remove(Permission.objects.get(codename="sign_legalopinion"))
    adviser = type(adviser).objects.get(pk=adviser.pk)  # no cached permissions
    assert not task.user_can_act(page, adviser)


def test_the_declared_permission_not_the_group_grants_the_annual_report(
    client, groups, jiuzhu, jiuzhu_drafter
):
    client.force_login(jiuzhu_drafter)
    assert client.get(reverse("reports_index")).status_code == 302
    jiuzhu.group.permissions.add(*roles.permissions_from([roles.READ_REPORT]))
    assert client.get(reverse("reports_index")).status_code == 200


def test_seeing_every_department_is_the_declared_permission(groups, jiuzhu, jiuzhu_drafter):
    assert not roles.sees_every_department(jiuzhu_drafter)
    jiuzhu.group.permissions.add(*roles.permissions_from([roles.VIEW_ALL_DEPARTMENTS]))
    drafter = type(jiuzhu_drafter).objects.get(pk=jiuzhu_drafter.pk)
    assert roles.sees_every_department(drafter)
