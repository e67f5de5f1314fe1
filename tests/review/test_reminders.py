"""The worker's morning reminders: overdue reviews, 备案, contract expiry and closing
consultations each reach the right people, at most once per item, person and day."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import NormativeDocumentPage
from review.reminders import send_reminders
from tests import factories
from tests.review.helpers import submit, submitted_working_days_ago

pytestmark = pytest.mark.django_db


def with_email(user, address):
    user.email = address
    user.save()
    return user


def sent_to(address) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_an_overdue_review_reminds_the_adviser_once_a_day(
    workflows, adviser, jiuzhu, jiuzhu_drafter
):
    with_email(adviser, "adviser@example.cn")
    contract = factories.ContractFactory(department=jiuzhu)
    submitted_working_days_ago(submit(contract, jiuzhu_drafter), days=20)
    mail.outbox.clear()  # the submission's own notice
    today = timezone.localdate()

    send_reminders(today=today)
    send_reminders(today=today)

    (message,) = sent_to("adviser@example.cn")
    assert "超过期限" in message.subject and contract.title in message.body
    send_reminders(today=today + timedelta(days=1))
    assert len(sent_to("adviser@example.cn")) == 2


def test_nothing_overdue_sends_nothing(workflows, adviser, jiuzhu, jiuzhu_drafter):
    with_email(adviser, "adviser@example.cn")
    contract = factories.ContractFactory(department=jiuzhu)
    submit(contract, jiuzhu_drafter)
    mail.outbox.clear()  # the submission's own notice
    send_reminders(today=timezone.localdate())
    assert sent_to("adviser@example.cn") == []


def test_a_signed_contract_running_out_reminds_its_department_and_the_office(
    jiuzhu, jiuzhu_drafter, office_user
):
    with_email(jiuzhu_drafter, "drafter@example.cn")
    with_email(office_user, "office@example.cn")
    today = date(2026, 12, 10)
    ending = factories.ContractFactory(
        department=jiuzhu, term_end=today + timedelta(days=20), signed_on=date(2026, 1, 1)
    )
    factories.ContractFactory(department=jiuzhu, term_end=today + timedelta(days=20))  # unsigned
    factories.ContractFactory(
        department=jiuzhu, term_end=today + timedelta(days=90), signed_on=date(2026, 1, 1)
    )

    send_reminders(today=today)

    for address in ("drafter@example.cn", "office@example.cn"):
        (message,) = sent_to(address)
        assert "合同即将到期" in message.subject and message.body.count("履行期限至") == 1
        assert ending.title in message.body


def test_filing_and_a_closing_consultation(site_tree, groups, jiuzhu, jiuzhu_drafter, office_user):
    with_email(jiuzhu_drafter, "drafter@example.cn")
    with_email(office_user, "office@example.cn")
    today = date(2026, 12, 10)
    published = factories.make_document(
        jiuzhu, live=True, title="已公布待备案的办法", published_on=today - timedelta(days=26)
    )
    draft = factories.make_document(jiuzhu, title="正在征求意见的办法", slug="zhengqiu")
    NormativeDocumentPage.objects.filter(pk=draft.pk).update(
        open_for_consultation=True,
        consultation_start=today - timedelta(days=10),
        consultation_end=today + timedelta(days=2),
    )
    draft.refresh_from_db()
    draft.save_revision()

    send_reminders(today=today)

    (filing,) = sent_to("office@example.cn")
    assert "备案" in filing.subject and published.title in filing.body
    (closing,) = sent_to("drafter@example.cn")
    assert "征求意见" in closing.subject and "正在征求意见的办法" in closing.body
