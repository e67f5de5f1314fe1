"""The legal opinion: refused when incomplete, by the wrong person or on the wrong version;
immutable once signed; its letter is a PDF only those who may see the item can open."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from review import services
from review.errors import ReviewError
from review.models import LegalOpinion, SequenceCounter
from review.services.opinions import OPINION_SEQUENCE
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(workflows, jiuzhu, jiuzhu_drafter):
    """A document past its fair-competition review, waiting for the adviser (10 working days)."""
    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    h.submitted_working_days_ago(h.current_state(page))
    return page


def opinions_used() -> int:
    counter = SequenceCounter.objects.filter(scope=OPINION_SEQUENCE).first()
    return counter.last_value if counter else 0


def post_opinion(client, page, user, outcome, **fields):
    state = h.current_state(page)
    client.force_login(user)
    return client.post(h.task_url(state), h.opinion_data(state.revision_id, outcome, **fields))


def assert_refused(response, message: str):
    assert response.status_code == 200
    assert any(message in text for text in h.message_texts(response)), h.message_texts(response)
    assert not LegalOpinion.objects.exists()
    assert opinions_used() == 0


# ---- immutability -----------------------------------------------------------------------


@pytest.fixture
def opinion(in_review, adviser):
    return h.approve_legal(in_review, adviser, outcome="不同意", conclusion="与上位法相抵触。")


def test_a_signed_opinion_cannot_be_changed_or_deleted_in_code(opinion):
    opinion.conclusion = "改写后的意见"
    with pytest.raises(PermissionDenied, match="不可修改"):
        opinion.save()
    with pytest.raises(PermissionDenied, match="不可修改"):
        opinion.save(update_fields=["letter"])  # the letter is filed once, at signing
    with pytest.raises(PermissionDenied, match="不可删除"):
        opinion.delete()
    with pytest.raises(PermissionDenied, match="不可修改"):
        LegalOpinion.objects.filter(pk=opinion.pk).update(outcome="同意")
    with pytest.raises(PermissionDenied, match="不可删除"):
        LegalOpinion.objects.filter(pk=opinion.pk).delete()
    stored = LegalOpinion.objects.get(pk=opinion.pk)
    assert (stored.outcome, stored.conclusion) == ("不同意", "与上位法相抵触。")


def test_nobody_edits_or_deletes_an_opinion_in_the_admin(opinion, client, adviser):
    admin = factories.user_with_role("admin", username="root", is_superuser=True)
    for user in (adviser, admin):
        client.force_login(user)
        for action in ("edit", "delete"):
            url = reverse(f"wagtailsnippets_review_legalopinion:{action}", args=[opinion.pk])
            for response in (client.get(url), client.post(url, {"conclusion": "改写"})):
                assert response.status_code == 302  # Wagtail: back to the dashboard
                assert response["Location"] == reverse("wagtailadmin_home")
    stored = LegalOpinion.objects.get(pk=opinion.pk)
    assert (stored.outcome, stored.conclusion) == ("不同意", "与上位法相抵触。")
    client.force_login(adviser)
    register = client.get(reverse("wagtailsnippets_review_legalopinion:list"))
    assert opinion.number in register.content.decode()  # read-only, but listed
    inspect = reverse("wagtailsnippets_review_legalopinion:inspect", args=[opinion.pk])
    assert client.get(inspect).status_code == 200


# ---- incomplete opinions ----------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["不同意", "修改后同意"])
def test_a_rejection_or_change_request_without_written_reasons_is_refused(
    in_review, client, adviser, outcome
):
    response = post_opinion(client, in_review, adviser, outcome, changes=h.CHANGES)
    assert_refused(response, f"审核结论为“{outcome}”时必须写明审核意见和理由")


def test_approval_with_changes_must_list_the_changes(in_review, client, adviser):
    response = post_opinion(client, in_review, adviser, "修改后同意", conclusion="程序不完备。")
    assert_refused(response, "“修改后同意”须逐条列出修改要求")


def test_an_incomplete_checklist_is_refused(in_review, client, adviser):
    response = post_opinion(client, in_review, adviser, "同意", authority="")
    assert response.status_code == 200
    assert "authority" in {name.removeprefix("result_") for name in response.context["form"].errors}
    assert not LegalOpinion.objects.exists()
    state = h.current_state(in_review)
    lines = [line for line in h.checklist_lines() if line["code"] != "authority"]
    with pytest.raises(ReviewError, match="审查事项清单须逐项填写"):
        services.opinion_issue(
            task_state_id=state.pk,
            revision_id=state.revision_id,
            adviser=adviser,
            outcome="同意",
            checklist=lines,
            conclusion="",
            required_changes=[],
        )
    assert opinions_used() == 0


def test_approval_despite_a_failed_checklist_item_is_refused(in_review, client, adviser):
    response = post_opinion(client, in_review, adviser, "同意", higher_law="不符合")
    assert_refused(response, "不能直接“同意”")


def test_an_opinion_within_five_working_days_needs_a_reason_for_urgency(
    workflows, client, jiuzhu, jiuzhu_drafter, adviser
):
    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)  # the legal task starts today
    response = post_opinion(client, page, adviser, "同意")
    assert_refused(response, "不足5个工作日即出具意见，须填写紧急情况说明")

    response = post_opinion(client, page, adviser, "同意", urgency="春节前须发放临时救助金。")
    assert response.status_code == 302
    assert "紧急审查说明：春节前须发放临时救助金。" in LegalOpinion.objects.get().conclusion


# ---- who acts, on which version ---------------------------------------------------------


def test_only_the_adviser_group_may_open_or_act_on_the_legal_task(
    in_review, client, office_user, jiuzhu_drafter
):
    state = h.current_state(in_review)
    for user in (office_user, jiuzhu_drafter):
        client.force_login(user)
        refusal = "您不是“合法性审查”环节的办理人员"
        h.assert_sent_away(client.get(h.task_url(state)), refusal)
        data = h.opinion_data(state.revision_id, "同意")
        h.assert_sent_away(client.post(h.task_url(state), data), refusal)
        with pytest.raises(ReviewError, match="您不是“合法性审查”环节的办理人员"):
            services.opinion_issue(
                task_state_id=state.pk,
                revision_id=state.revision_id,
                adviser=user,
                outcome="同意",
                checklist=h.checklist_lines(),
                conclusion="",
                required_changes=[],
            )
    assert not LegalOpinion.objects.exists()
    assert h.current_state(in_review).pk == state.pk


def test_an_opinion_on_a_version_that_has_since_changed_is_refused(in_review, client, adviser):
    state = h.current_state(in_review)
    stale = state.revision_id
    draft = in_review.get_latest_revision_as_object()
    draft.body = "<p>送审后被改动的正文。</p>"
    latest = draft.save_revision()  # e.g. an administrator saved over the locked item
    assert latest.pk != stale
    client.force_login(adviser)
    for revision_id in (stale, latest.pk):
        response = client.post(h.task_url(state), h.opinion_data(revision_id, "同意"))
        assert_refused(response, "送审版本已发生变化")


def test_when_two_advisers_act_on_one_task_the_second_is_told_and_nothing_is_written(
    in_review, client, adviser, second_adviser
):
    state = h.current_state(in_review)
    client.force_login(second_adviser)
    assert client.get(h.task_url(state)).status_code == 200  # both opened the task

    first = post_opinion(client, in_review, adviser, "同意")
    assert first.status_code == 302
    client.force_login(second_adviser)
    data = h.opinion_data(state.revision_id, "不同意", conclusion="与上位法相抵触。")
    second = client.post(h.task_url(state), data)
    assert second.status_code == 200
    [message] = [m for m in h.message_texts(second) if "该任务已由" in m]
    assert "测试" in message  # the first adviser's name
    assert "本次操作未保存" in message
    assert LegalOpinion.objects.get().outcome == "同意"
    assert opinions_used() == 1


# ---- the letter -------------------------------------------------------------------------


def test_the_opinion_letter_is_a_pdf_with_its_number_and_conclusion(
    in_review, client, adviser, jiuzhu_drafter
):
    post_opinion(client, in_review, adviser, "不同意", conclusion=h.REJECT_REASON)
    opinion = LegalOpinion.objects.get()
    with opinion.letter.open("rb") as letter:
        text = h.pdf_text(letter.read())
    assert opinion.number in text
    assert "不同意" in text
    assert "急难发生地" in text

    client.force_login(jiuzhu_drafter)
    response = client.get(reverse("review_opinion_letter", args=[opinion.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert opinion.number in h.pdf_text(b"".join(response.streaming_content))


def test_a_drafter_of_another_department_cannot_open_the_letter(
    in_review, client, adviser, shiwu_drafter
):
    opinion = h.approve_legal(in_review, adviser)
    client.force_login(shiwu_drafter)
    response = client.get(reverse("review_opinion_letter", args=[opinion.pk]))
    h.assert_sent_away(response, "无权查看该审核意见书")
    assert response.get("Content-Type") != "application/pdf"


def test_an_opinion_is_dated_and_signed_by_the_adviser(in_review, adviser):
    opinion = h.approve_legal(in_review, adviser)
    assert opinion.adviser == adviser
    assert opinion.adviser_name == adviser.get_full_name()
    assert timezone.localdate(opinion.signed_at) == timezone.localdate()


def test_the_diff_between_revisions_is_shown_only_to_those_who_may_see_the_item(
    in_review, client, adviser, shiwu_drafter
):
    revisions = list(in_review.revisions.order_by("pk").values_list("pk", flat=True))
    first, latest = revisions[0], revisions[-1]
    content_type = in_review.cached_content_type.pk
    url = reverse("review_compare", args=[content_type, in_review.pk, first, latest])
    client.force_login(adviser)
    assert client.get(url).status_code == 200
    client.force_login(shiwu_drafter)
    h.assert_sent_away(client.get(url), "无权查看该事项的修订内容")
