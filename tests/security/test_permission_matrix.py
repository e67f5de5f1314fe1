"""Every cell of tests/security/permission_matrix.py, checked through the real paths.

The world (departments, users, each object in its state through the review services) is
built once per module inside a transaction rolled back at the end; each cell runs in a
savepoint rolled back after it, so a state-changing action (publish, copy, move, delete,
approve) is really executed and leaves nothing behind for the next cell.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.models import (
    DecisionDraftPage,
    DocumentAttachment,
    ExpertOpinion,
    PowerItem,
    PublicComment,
    StatuteImport,
)
from cms.permissions import contract_policy
from cms.power_import import power_list_import
from prereview.services import prereview_run, rules_ensure
from review import setup
from review.errors import ReviewError
from search import indexing
from search.selectors import search_items
from tests import factories
from tests.cms.power_files import csv_bytes
from tests.review import helpers as h
from tests.security import disclosure_matrix, intake_matrix, secrecy_matrix
from tests.security import permission_matrix as matrix

PAGES = ("draft", "in_review", "approved", "published", "decision_list", "relief_month")
PAGES += ("decision_draft",)
PAGES += ("self_submitted", "on_request")
DOCUMENTS = ("draft", "in_review", "approved", "published")
TOKENS = {
    "draft": "矩阵草稿甲标记",
    "in_review": "矩阵审中乙标记",
    "approved": "矩阵同意丙标记",
    "published": "矩阵公布丁标记",
    "consulted": "矩阵征求戊标记",
    "self_submitted": "矩阵自提己标记",
}


def _document(department, drafter, state: str):
    token = TOKENS[state]
    page = factories.make_document(department, title=f"关于{token}的实施办法", slug=state)
    page.body = f"<p>正文含{token}。</p>"
    file = factories.make_attachment(f"{state}附件")
    file.collection = department.collection
    file.save()
    DocumentAttachment.objects.create(page=page, file=file, label=f"{state}附件")
    page.save_revision(user=drafter)
    return page, file, token


def build_world():
    setup.workflows_ensure()
    rules_ensure()
    a = factories.DepartmentFactory(code="matrix-a", name="矩阵甲科")
    b = factories.DepartmentFactory(code="matrix-b", name="矩阵乙科")
    users = {
        "drafter_a": factories.drafter_of(a, username="m_drafter_a"),
        "drafter_b": factories.drafter_of(b, username="m_drafter_b"),
        "adviser": factories.user_with_role("adviser", username="m_adviser"),
        "office": factories.user_with_role("office", username="m_office"),
        "leader": factories.user_with_role("leader", username="m_leader"),
        "admin": factories.user_with_role("admin", username="m_admin"),
        "anonymous": AnonymousUser(),
    }
    da, adviser, office = users["drafter_a"], users["adviser"], users["office"]
    objects, files, tokens = {}, {}, {}
    for state in DOCUMENTS:
        objects[state], files[state], tokens[state] = _document(a, da, state)
    h.submit(objects["in_review"], da)
    h.record_fair_competition(objects["in_review"], da)
    h.submit(objects["approved"], da)
    h.record_fair_competition(objects["approved"], da)
    opinion = h.approve_legal(objects["approved"], adviser)
    objects["self_submitted"], _, _ = _document(a, da, "self_submitted")
    h.submit(objects["self_submitted"], office)
    h.record_fair_competition(objects["self_submitted"], office)
    h.approve_legal(objects["self_submitted"], adviser)
    h.ready_for_registration(objects["published"], da, adviser, office)
    h.register(objects["published"], office)
    objects["contract"] = factories.ContractFactory(department=a, title="矩阵合同标记之合同")
    objects["contract"].save_revision(user=da)
    tokens["contract"] = "矩阵合同标记"
    objects["decision_list"] = factories.make_decision_list(
        2031, title="矩阵目录标记2031", live=False
    )
    factories.make_decision_item(objects["decision_list"], a)
    objects["decision_list"].save_revision()
    # A second list whose item has its own draft and record (such a list is never deleted).
    drafted_list = factories.make_decision_list(2032, title="矩阵目录2032", live=False)
    item = factories.make_decision_item(drafted_list, a)
    objects["decision_draft"] = DecisionDraftPage(
        title="矩阵方案庚标记", item=item, body="方案正文矩阵方案庚标记。", live=False
    )
    drafted_list.add_child(instance=objects["decision_draft"])
    objects["decision_draft"].save_revision(user=office)
    tokens["decision_draft"] = "矩阵方案庚标记"
    objects["decision_record"] = ExpertOpinion.objects.create(
        item=item, expert="矩阵专家辛标记", given_on=date(2031, 3, 1), opinion="同意。"
    )
    objects["relief_month"] = factories.make_relief_disclosure(a, 2026, 1)
    objects["opinion"] = opinion
    objects["prereview_run"] = prereview_run(obj=objects["draft"], user=da)
    objects["attachment"] = files["draft"]
    consulted, _, _ = _document(a, da, "consulted")
    objects["comment"] = PublicComment.objects.create(
        document=consulted, text="矩阵公众意见标记：建议放宽条件。", ip_hash="0" * 64
    )
    objects["login_records"], objects["login_lockout"] = _login_failures()
    objects["power_item"] = _power_item(a)
    objects["statute_import"] = StatuteImport.objects.create(
        file_name="矩阵法规库.csv", rows=1, report={"added": ["矩阵法规"]}
    )
    objects["import_batch"] = intake_matrix.imported_batch(users["admin"], a)
    objects["secrecy_check"] = objects["approved"]  # the office's 保密审查 screen
    objects["on_request"] = secrecy_matrix.on_request_document(a)
    tokens["on_request"] = secrecy_matrix.ON_REQUEST_TOKEN
    disclosure_matrix.build(objects)
    for state in (*DOCUMENTS, "contract", "decision_list", "on_request"):
        obj = objects[state]
        obj.refresh_from_db()
        indexing.index_object(obj)
    return SimpleNamespace(
        a=a, b=b, users=users, objects=objects, files=files, tokens=tokens, consulted=consulted
    )


POWER_HEADER = ["类别", "事项名称", "编码", "承办机构"]


def _power_item(department):
    power_list_import(
        user=None,
        data=csv_bytes(
            [["行政检查", "矩阵权力标记事项", "MATRIX-1", department.name]], header=POWER_HEADER
        ),
        filename="矩阵清单.csv",
    )
    return PowerItem.objects.get(code="MATRIX-1")


def try_power_import(world, role, name, obj, client) -> bool:
    rows = [
        ["行政检查", "矩阵权力标记事项", "MATRIX-1", world.a.name],
        ["行政检查", "矩阵新增权力标记", "MATRIX-2", world.a.name],
    ]
    upload = SimpleUploadedFile("清单.csv", csv_bytes(rows, header=POWER_HEADER))
    client.post(reverse("wagtailsnippets_cms_poweritem:import"), {"file": upload, "import": "1"})
    return PowerItem.objects.filter(code="MATRIX-2").exists()


def _login_failures():
    """A failed login (for the records) and an account locked by five (for the lockouts)."""
    where = {"ip_address": "192.0.2.9", "user_agent": "matrix", "path_info": "/admin/login/"}
    record = AccessFailureLog.objects.create(username="matrix_failed_login", **where)
    lock = AccessAttempt.objects.create(
        username="matrix_locked_login", failures_since_start=5, get_data="", post_data="", **where
    )
    return record, lock


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Files on disk (Wagtail's serve view needs a filesystem path), data rolled back."""
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


# ---- how each action is tried ---------------------------------------------------------


def _client(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _fresh(obj):
    return type(obj).objects.filter(pk=obj.pk).first()


def _ok(client, url) -> bool:
    return client.get(url).status_code == 200


def _revision_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    revision = obj.get_latest_revision()
    return reverse("review_revision", args=[content_type.pk, obj.pk, revision.pk])


def try_view(world, role, name, obj, client) -> bool:
    if name == "secrecy_check":
        return role != "anonymous" and secrecy_matrix.sees_secrecy_screen(client, obj)
    if name in PAGES:
        if _ok(client, obj.get_url() or "/-/"):
            return True
        if role == "anonymous":
            return False
        return _ok(client, reverse("wagtailadmin_pages:edit", args=[obj.pk])) or _ok(
            client, _revision_url(obj)
        )
    if name == "contract":
        html = client.get(reverse("wagtailsnippets_cms_contract:list")).content.decode()
        return obj.title in html
    if name == "opinion":
        return _ok(client, reverse("review_opinion_letter", args=[obj.pk]))
    if name == "prereview_run":
        draft = world.objects["draft"]
        content_type = ContentType.objects.get_for_model(draft, for_concrete_model=False)
        return _ok(client, reverse("prereview_object", args=[content_type.pk, draft.pk]))
    if name in ("login_records", "login_lockout"):
        url = reverse("accounts_login_records" if name == "login_records" else "accounts_lockouts")
        response = client.get(url)
        return response.status_code == 200 and obj.username in response.content.decode()
    if name == "power_item":
        response = client.get(reverse("portal:power_changes"))
        return response.status_code == 200 and obj.name in response.content.decode()
    if name == "statute_import":
        response = client.get(reverse("statute_import_report", args=[obj.pk]))
        return response.status_code == 200 and obj.file_name in response.content.decode()
    if name == "import_batch":
        return intake_matrix.sees_batch(client, obj)
    if name == "decision_record":
        response = client.get(reverse("wagtailsnippets_cms_expertopinion:list"))
        return response.status_code == 200 and obj.expert in response.content.decode()
    if name == "comment":
        response = client.get(reverse("portal_comments"))
        return response.status_code == 200 and "矩阵公众意见标记" in response.content.decode()
    raise AssertionError(name)


def try_download(world, role, name, obj, client) -> bool:
    if name == "opinion":
        return _ok(client, reverse("review_opinion_archive", args=[obj.pk]))
    file = obj if name == "attachment" else world.files[name]
    return _ok(client, file.url)


def try_search(world, role, name, obj, client) -> bool:
    user = world.users[role]
    return search_items(user=user, query=world.tokens[name]).total > 0


def _locked(obj, user) -> bool:
    lock = obj.get_lock()
    return bool(lock and lock.for_user(user))


def try_edit(world, role, name, obj, client) -> bool:
    user = world.users[role]
    if role == "anonymous":
        return False
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit() and not _locked(obj, user)
    if name == "contract":
        allowed = contract_policy.user_has_permission_for_instance(user, "change", obj)
        return allowed and not _locked(obj, user)
    if name == "statute_import":
        upload = SimpleUploadedFile("矩阵.csv", "标题,时效性\n矩阵新法规,有效\n".encode())
        client.post(reverse("statute_import"), {"file": upload})
        return StatuteImport.objects.filter(file_name="矩阵.csv").exists()
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_permission_for_instance(user, "change", obj)


def try_submit(world, role, name, obj, client) -> bool:
    if not try_edit(world, role, name, obj, client):
        return False
    if isinstance(obj, Page):
        return obj.permissions_for_user(world.users[role]).can_submit_for_moderation()
    return obj.get_workflow() is not None and not obj.workflow_in_progress


def try_approve(world, role, name, obj, client) -> bool:
    user = world.users[role]
    if role == "anonymous":
        return False
    if name == "secrecy_check":
        return secrecy_matrix.records_secrecy(obj, user)
    try:
        if name == "in_review":
            h.approve_legal(obj, user)
        else:
            h.record_deliberation(obj, user)
    except (ReviewError, PermissionDenied, ValidationError):
        return False
    return True


def _published(obj, revision) -> bool:
    fresh = _fresh(obj)
    return bool(fresh.live and fresh.live_revision_id == revision.pk)


def try_publish(world, role, name, obj, client) -> bool:
    """Both the admin's 发布 button (documents, contracts) and the model's publish (what
    services, commands and scheduled publishing call) must give the same answer."""
    if name == "import_batch":
        return intake_matrix.imports_manifest(client, world.a)
    user = world.users[role]
    if role == "anonymous":
        return False
    if name == "power_item":
        return try_power_import(world, role, name, obj, client)
    if name in DOCUMENTS or name == "contract":
        if name == "contract":
            url, data = h.contract_edit_url(obj), h.contract_edit_data(obj, "publish")
        else:
            url, data = h.edit_url(obj), h.document_edit_data(obj, "publish")
        with transaction.atomic():
            client.post(url, data)
            latest = type(obj).objects.get(pk=obj.pk).get_latest_revision()
            by_admin = _published(obj, latest)
            transaction.set_rollback(True)
        if by_admin:
            return True
    # A relief month is live already: its department publishes a new revision of it.
    new = name == "relief_month"
    revision = obj.save_revision(user=user) if new else obj.get_latest_revision()
    try:
        revision.publish(user=user)
    except (PermissionDenied, ValidationError, ReviewError):
        return False
    return _published(obj, revision)


def try_copy(world, role, name, obj, client) -> bool:
    parent = obj.get_parent()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[obj.pk]),
        {
            "new_title": "矩阵复制件",
            "new_slug": "matrix-copy",
            "new_parent_page": str(parent.pk),
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        },
    )
    return Page.objects.filter(slug="matrix-copy", live=True).exists()


def try_move(world, role, name, obj, client) -> bool:
    destination = factories.folder_of(world.b)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[obj.pk, destination.pk]))
    return _fresh(obj).get_parent().pk == destination.pk


def try_delete(world, role, name, obj, client) -> bool:
    if name == "comment":
        client.post(reverse("wagtailadmin_pages:delete", args=[world.consulted.pk]))
        return not PublicComment.objects.filter(pk=obj.pk).exists()
    if isinstance(obj, Page):
        client.post(reverse("wagtailadmin_pages:delete", args=[obj.pk]))
    elif name == "contract":
        client.post(reverse("wagtailsnippets_cms_contract:delete", args=[obj.pk]))
    elif name == "attachment":
        client.post(reverse("wagtaildocs:delete", args=[obj.pk]))
    elif name == "opinion":
        client.post(reverse("wagtailsnippets_review_legalopinion:delete", args=[obj.pk]))
    elif name == "power_item":
        client.post(reverse("wagtailsnippets_cms_poweritem:delete", args=[obj.pk]))
    elif name == "decision_record":
        client.post(reverse("wagtailsnippets_cms_expertopinion:delete", args=[obj.pk]))
    elif name == "import_batch":  # 撤销本批
        return intake_matrix.undoes_batch(client, obj)
    elif name == "login_lockout":  # 解除锁定
        client.post(reverse("accounts_lockouts"), {"kind": "username", "value": obj.username})
    return _fresh(obj) is None


def try_export(world, role, name, obj, client) -> bool:
    model = "poweritem" if name == "power_item" else "contract"
    response = client.get(reverse(f"wagtailsnippets_cms_{model}:list") + "?export=csv")
    if response.status_code != 200:
        return False
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return str(getattr(obj, "title", None) or obj.name) in content.decode("utf-8-sig")


TRIES = {
    "view": try_view,
    "download": try_download,
    "search": try_search,
    "edit": try_edit,
    "submit": try_submit,
    "approve": try_approve,
    "publish": try_publish,
    "copy": try_copy,
    "move": try_move,
    "delete": try_delete,
    "export": try_export,
}


def attempt(world, role: str, name: str, action: str) -> bool:
    """Try the action as ``role`` in a savepoint that is rolled back afterwards."""
    with transaction.atomic():
        obj = world.objects[name]
        obj = _fresh(obj) if not isinstance(obj, Page) else Page.objects.get(pk=obj.pk).specific
        if name in disclosure_matrix.NAMES:
            allowed = disclosure_matrix.attempt(action, name, obj, _client(world, role))
        else:
            allowed = TRIES[action](world, role, name, obj, _client(world, role))
        transaction.set_rollback(True)
    return allowed


@pytest.mark.parametrize(
    ("role", "name", "action", "expected"),
    list(matrix.cells()),
    ids=[f"{role}-{action}-{name}" for role, name, action, _ in matrix.cells()],
)
def test_permission_matrix_cell(world, db, role, name, action, expected):
    allowed = attempt(world, role, name, action)
    assert (matrix.ALLOWED if allowed else matrix.REFUSED) == expected


def test_docs_permissions_md_is_generated_from_the_matrix():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
    assert docs.read_text(encoding="utf-8") == matrix.as_markdown()


def test_every_role_object_and_action_has_an_answer():
    for name in matrix.OBJECTS:
        assert set(matrix.MATRIX[name]) == set(matrix.ACTIONS), name
        for action in matrix.ACTIONS:
            assert set(matrix.MATRIX[name][action]) == set(matrix.ROLES), (name, action)
