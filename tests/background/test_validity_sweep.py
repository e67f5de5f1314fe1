"""The daily validity sweep, with a frozen date: a document flips to 已失效 on the day
after its 有效期至, logged, shown on the portal; a warning goes out N days before."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import PageLogEntry

from cms.models import NormativeDocumentPage
from review.validity import LOG_ACTION, validity_sweep
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "吴忠市红寺堡区临时救助暂行办法"
VALID_UNTIL = date(2026, 6, 30)


@pytest.fixture
def document(site_tree, groups, jiuzhu):
    return factories.make_document(
        jiuzhu,
        live=True,
        title=TITLE,
        slug="linshi-zanxing",
        body="<p>临时救助实行先行救助。</p>",
        doc_number="红民规〔2024〕3号",
        published_on=date(2024, 6, 20),
        effective_on=date(2024, 7, 1),
        valid_until=VALID_UNTIL,
    )


def fresh(document) -> NormativeDocumentPage:
    return NormativeDocumentPage.objects.get(pk=document.pk)


def test_in_force_through_its_last_day_then_expired_the_next(client, document):
    outcome = validity_sweep(today=VALID_UNTIL, warn=False)
    assert outcome.expired == [] and fresh(document).validity_status == "现行有效"

    outcome = validity_sweep(today=date(2026, 7, 1), warn=False)

    page = fresh(document)
    assert [d.pk for d in outcome.expired] == [document.pk]
    assert page.validity_status == "已失效" and page.live
    assert page.status_changed_on == date(2026, 7, 1)
    assert page.live_revision.as_object().validity_status == "已失效"
    entry = PageLogEntry.objects.get(page=page, action=LOG_ACTION)
    assert entry.data["valid_until"] == "2026-06-30"
    html = client.get(page.url).content.decode()
    banner = html.split('class="banner"')[1].split("</div>")[0]
    assert "本文件已失效" in banner and "2026年7月1日" in banner


def test_a_second_run_and_a_late_run_change_nothing_more(document):
    validity_sweep(today=date(2026, 7, 1), warn=False)
    revisions = fresh(document).revisions.count()

    again = validity_sweep(today=date(2026, 9, 1), warn=False)

    assert again.expired == []
    assert fresh(document).revisions.count() == revisions
    assert PageLogEntry.objects.filter(action=LOG_ACTION).count() == 1
    assert fresh(document).status_changed_on == date(2026, 7, 1)  # the day after 有效期至


def test_a_pending_draft_keeps_its_text_and_gets_the_status(document):
    draft = fresh(document).get_latest_revision_as_object()
    draft.body = "<p>修改稿，尚未审核。</p>"
    draft.save_revision()

    validity_sweep(today=date(2026, 7, 2), warn=False)

    page = fresh(document)
    assert "先行救助" in page.body  # the published text, not the unreviewed draft
    latest = page.get_latest_revision_as_object()
    assert "修改稿" in latest.body and latest.validity_status == "已失效"


def test_warning_goes_once_to_the_department_and_the_office(document, jiuzhu, office_user):
    drafter = factories.drafter_of(jiuzhu, username="linshi_drafter", email="d@example.cn")
    office_user.email = "office@example.cn"
    office_user.save()

    outcome = validity_sweep(today=date(2026, 6, 10))  # 20 days before, inside 30

    assert [d.pk for d in outcome.warned] == [document.pk]
    assert sorted(m.to[0] for m in mail.outbox) == [drafter.email, office_user.email]
    assert TITLE in mail.outbox[0].body and "2026年6月30日" in mail.outbox[0].body
    validity_sweep(today=date(2026, 6, 11))
    assert len(mail.outbox) == 2  # once per document and person, not daily
    assert fresh(document).validity_status == "现行有效"


def test_no_warning_outside_the_window(document, office_user):
    office_user.email = "office@example.cn"
    office_user.save()
    assert validity_sweep(today=date(2026, 5, 1)).warned == []
    assert mail.outbox == []


def test_the_command_takes_a_date(document):
    call_command("validity_sweep", "--date", "2026-07-01", "--no-warnings")
    assert fresh(document).validity_status == "已失效"


def test_the_command_refuses_a_bad_date_in_chinese(document):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="格式不对"):
        call_command("validity_sweep", "--date", "2026-13-01")
    assert fresh(document).validity_status == "现行有效"
