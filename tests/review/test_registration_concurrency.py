"""Numbers are consecutive and never shared or reused, even at the same instant.

The concurrent tests need real row locks (SELECT … FOR UPDATE) and one connection per
thread, so they run on PostgreSQL only; SQLite serialises every writer on a file lock
and its in-memory test database is not shared between threads.
"""

import hashlib
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from cms.gates import IssueRefused
from cms.models import AttachmentFile, DocumentAttachment, NormativeDocumentPage
from review import services
from review.errors import ReviewError
from review.models import LegalOpinion, Registration, SequenceCounter, next_in_sequence
from tests import factories
from tests.review import helpers as h

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: row locks (SELECT … FOR UPDATE) and a connection per thread; "
    "run with DATABASE_URL=postgres://…",
)
concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_once(*calls):
    """Run each call in its own thread (own connection), released together by a barrier."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def draw(scope: str, year: int, hold: float = 0.2) -> int:
    """Take a number and keep the transaction open a moment, as a slow registration would."""
    with transaction.atomic():
        number = next_in_sequence(scope, year)
        time.sleep(hold)
    return number


@postgresql_only
@concurrent
def test_numbers_drawn_at_the_same_instant_are_distinct_and_consecutive():
    results = at_once(*[lambda: draw("registration:红寺堡区民政局", 2026)] * 6)
    assert sorted(results) == [1, 2, 3, 4, 5, 6]
    assert SequenceCounter.objects.get(scope="registration:红寺堡区民政局").last_value == 6


@postgresql_only
@concurrent
def test_two_documents_registered_at_the_same_instant_get_consecutive_numbers(
    workflows, jiuzhu, shiwu, jiuzhu_drafter, shiwu_drafter, adviser, office_user
):
    first = factories.make_document(jiuzhu, title="临时救助实施办法")
    second = factories.make_document(shiwu, title="殡葬服务管理办法")
    h.ready_for_registration(first, jiuzhu_drafter, adviser, office_user)
    h.ready_for_registration(second, shiwu_drafter, adviser, office_user)

    results = at_once(
        lambda: h.register(first, office_user), lambda: h.register(second, office_user)
    )
    assert all(isinstance(r, Registration) for r in results), results
    year = timezone.localdate().year
    assert sorted(r.sequence for r in results) == [1, 2]
    assert {r.registration_number for r in results} == {
        f"红民登〔{year}〕1号",
        f"红民登〔{year}〕2号",
    }
    assert len({r.doc_number for r in results}) == 2
    for page in (first, second):
        page = NormativeDocumentPage.objects.get(pk=page.pk)
        assert page.live
        assert page.registration_number == Registration.for_object(page).get().registration_number


@postgresql_only
@concurrent
def test_two_advisers_signing_at_the_same_instant_write_one_opinion(
    workflows, jiuzhu, jiuzhu_drafter, adviser, second_adviser
):
    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    state = h.submitted_working_days_ago(h.current_state(page))

    def sign(user, outcome, conclusion):
        return services.opinion_issue(
            task_state_id=state.pk,
            revision_id=state.revision_id,
            adviser=user,
            outcome=outcome,
            checklist=h.checklist_lines(),
            conclusion=conclusion,
            required_changes=[],
        )

    results = at_once(
        lambda: sign(adviser, "同意", "同意。"),
        lambda: sign(second_adviser, "不同意", "与上位法相抵触。"),
    )
    [opinion] = [r for r in results if isinstance(r, LegalOpinion)]
    [refusal] = [r for r in results if isinstance(r, ReviewError)]
    assert "该任务已由" in refusal.message
    assert LegalOpinion.objects.get() == opinion
    assert SequenceCounter.objects.get(scope="legal-opinion").last_value == 1


@pytest.mark.django_db
def test_a_number_whose_publication_failed_stays_with_its_document_and_is_never_reused(
    workflows, jiuzhu, jiuzhu_drafter, adviser, office_user
):
    attachment = factories.make_attachment("附件1 申请表")
    page = factories.make_document(jiuzhu, title="临时救助实施办法")
    draft = page.get_latest_revision_as_object()
    draft.attachments = [DocumentAttachment(label="附件1", file=attachment)]
    draft.save_revision()
    h.ready_for_registration(page, jiuzhu_drafter, adviser, office_user)

    # The reviewed attachment's recorded digest no longer matches after review (the
    # library refuses to replace a reviewed file, so the record is altered behind the
    # models' back): publishing must fail.
    AttachmentFile.objects.filter(pk=attachment.pk).update(
        sha256=hashlib.sha256(factories.pdf_bytes("另一份申请表")).hexdigest()
    )
    with pytest.raises(IssueRefused, match="内容不一致"):
        h.register(page, office_user)
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    assert not page.live
    kept = Registration.for_object(page).get()
    assert kept.sequence == 1
    assert page.get_latest_revision_as_object().registration_number == kept.registration_number

    other = factories.make_document(jiuzhu, title="低保审核确认办法")
    h.ready_for_registration(other, jiuzhu_drafter, adviser, office_user)
    registration = h.register(other, office_user)
    assert registration.sequence == 2
    assert NormativeDocumentPage.objects.get(pk=other.pk).live
    assert SequenceCounter.objects.get(scope=f"registration:{page.issuer}").last_value == 2
