"""The dashboard's 备案与评估期限: filing within 30 days of publication, evaluation due six
months before a document expires — what is late says so."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import NormativeDocumentPage
from review import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def document_expiring(department, title, days_left):
    page = factories.make_document(department, live=True, title=title)
    valid_until = timezone.localdate() + timedelta(days=days_left)
    NormativeDocumentPage.objects.filter(pk=page.pk).update(valid_until=valid_until)
    return page


def test_evaluations_due_soon_or_late_are_listed_and_the_late_ones_say_so(
    login, office_user, site_tree, jiuzhu
):
    late = document_expiring(jiuzhu, "五个月后到期的办法", 150)
    soon = document_expiring(jiuzhu, "八个月后到期的办法", 240)
    document_expiring(jiuzhu, "两年后到期的办法", 730)
    due = {d.document.pk: d for d in selectors.evaluation_due()}
    assert set(due) == {late.pk, soon.pk}
    assert due[late.pk].overdue and not due[soon.pk].overdue
    html = login(office_user).get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("待评估") :]
    late_line = panel[panel.index("五个月后到期的办法") :].split("</li>")[0]
    soon_line = panel[panel.index("八个月后到期的办法") :].split("</li>")[0]
    assert "已超期" in late_line and "已超期" not in soon_line
    assert "两年后到期的办法" not in panel
