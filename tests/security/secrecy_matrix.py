"""The permission matrix's disclosure objects (issue 17): the 保密审查 screen of a document
at its collective deliberation, and a live document whose 公开属性 is 依申请公开."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from review.errors import ReviewError
from tests import factories
from tests.review import helpers as h

ON_REQUEST_TOKEN = "矩阵依申请庚标记"


def on_request_document(department):
    """Published (存量导入 path) but 依申请公开: never shown to the public."""
    return factories.make_document(
        department,
        live=True,
        title=f"关于{ON_REQUEST_TOKEN}的内部管理办法",
        slug="on-request",
        body=f"<p>正文含{ON_REQUEST_TOKEN}。</p>",
        disclosure_attribute="依申请公开",
        disclosure_article="第十六条第一款",
        disclosure_reason="内部管理信息，依申请提供。",
    )


def secrecy_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("review_secrecy_check", args=[content_type.pk, obj.pk])


def sees_secrecy_screen(client, obj) -> bool:
    return client.get(secrecy_url(obj)).status_code == 200


def records_secrecy(obj, user) -> bool:
    try:
        h.record_secrecy(obj, user)
    except (ReviewError, PermissionDenied):
        return False
    return True
