"""One mail per workflow event: the project's 【待办】 mail, never Wagtail's stock one beside it.

Wagtail mails a task's group (and every superuser) when a workflow or a task starts; the
review app sends its own 【待办】 mail with the link to the task page, so Wagtail's
submitted mails are turned off (``review/stockmail/apps.py``).
"""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from cms.models import NormativeDocumentPage
from review.models import DeliberationTask, FairCompetitionTask, LegalReviewTask
from tests.cms.admin_forms import document_form
from tests.review import helpers as h

OURS = ("【待办】", "【审核意见】")

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", email="root@example.org", password="x")


def mails_per_recipient() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def assert_one_mail_each(*, told, not_told=()):
    """Everyone mailed got exactly one mail, and it is one of the project's own."""
    counts = mails_per_recipient()
    assert {user.email for user in told} <= set(counts), counts
    assert not {user.email for user in not_told} & set(counts), counts
    assert all(count == 1 for count in counts.values()), counts
    assert all(message.subject.startswith(OURS) for message in mail.outbox), [
        message.subject for message in mail.outbox
    ]


def test_submission_and_each_move_send_one_mail_per_recipient(
    workflows,
    client,
    jiuzhu,
    jiuzhu_drafter,
    adviser,
    office_user,
    superuser,
    django_capture_on_commit_callbacks,
):
    client.force_login(jiuzhu_drafter)
    assert client.post(h.add_document_url(jiuzhu), document_form()).status_code == 302
    page = NormativeDocumentPage.objects.get()

    mail.outbox.clear()
    response = client.post(h.edit_url(page), h.document_edit_data(page, "submit"))
    assert response.status_code == 302
    assert isinstance(h.current_state(page).task.specific, FairCompetitionTask)
    assert_one_mail_each(told=[jiuzhu_drafter], not_told=[superuser, adviser])

    mail.outbox.clear()
    h.record_fair_competition(page, jiuzhu_drafter)
    assert isinstance(h.current_state(page).task.specific, LegalReviewTask)
    assert_one_mail_each(told=[adviser], not_told=[superuser])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        h.approve_legal(page, adviser)
    assert isinstance(h.current_state(page).task.specific, DeliberationTask)
    assert_one_mail_each(told=[office_user, jiuzhu_drafter], not_told=[superuser])
