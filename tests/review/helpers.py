"""Shared steps of the review tests: what each actor posts on the admin, and small readers.

Everything goes through the real admin views and services; the only thing a test moves
by hand is time (a task's ``started_at``), because the review period is measured in
working days since submission.
"""

import datetime as dt
import io
import re

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from cms import calendar
from cms.kinds import item_kind
from cms.models import DecisionDraftPage, MajorDecisionListPage
from review.checklists import FAIR_COMPETITION_STANDARDS, legality_checklist
from tests import factories
from tests.cms.admin_forms import contract_form, document_form

DOCUMENT_TITLE = "关于进一步规范临时救助工作的实施办法"
REJECT_REASON = (
    "第五条“户籍地申请”限制与《社会救助暂行办法》第四十八条相抵触，应允许在急难发生地申请。"
)
CHANGES = ["第八条删去“须提供无犯罪记录证明”。", "第十条补充救助审批时限。"]


# ---- admin URLs -------------------------------------------------------------------------


def add_document_url(department) -> str:
    folder = factories.folder_of(department)
    return reverse("wagtailadmin_pages:add", args=["cms", "normativedocumentpage", folder.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def contract_edit_url(contract) -> str:
    return reverse("wagtailsnippets_cms_contract:edit", args=[contract.pk])


def task_url(state) -> str:
    return state.task.specific.action_url(state)


# ---- reading state ----------------------------------------------------------------------


def current_state(obj) -> TaskState | None:
    """The item's in-progress task state, read fresh from the database."""
    obj.refresh_from_db()
    state = obj.current_workflow_task_state
    return state.specific if state is not None else None


def workflow_status(obj) -> str:
    obj.refresh_from_db()
    state = obj.current_workflow_state
    return state.status if state is not None else ""


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_sent_away(response, reason: str):
    """The admin's refusal: back to the dashboard, with the Chinese reason as a message
    (Wagtail turns an admin view's PermissionDenied into exactly this)."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any(reason in text for text in message_texts(response)), message_texts(response)


def pdf_text(data: bytes) -> str:
    """Text of a PDF with all whitespace removed (lines wrap anywhere in Chinese)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def submitted_working_days_ago(state, days: int = 10) -> TaskState:
    """Move the task's submission back so ``days`` working days have elapsed since."""
    today = timezone.localdate()
    day = today
    while calendar.working_days_between(day, today) < days:
        day -= dt.timedelta(days=1)
    started = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    TaskState.objects.filter(pk=state.pk).update(started_at=started)
    return TaskState.objects.get(pk=state.pk).specific


# ---- what each actor posts --------------------------------------------------------------


def checklist_data(result: str = "符合", kind: str | None = None, **overrides) -> dict:
    data = {}
    for item in legality_checklist(kind):
        data[f"result_{item.code}"] = overrides.get(item.code, result)
        data[f"remark_{item.code}"] = ""
    return data


def opinion_data(revision_id, outcome, conclusion="", changes=(), urgency="", **checklist) -> dict:
    return {
        "revision_id": str(revision_id),
        "outcome": outcome,
        "conclusion": conclusion,
        "required_changes": "\n".join(changes),
        "urgency_reason": urgency,
        **checklist_data(**checklist),
    }


def checklist_lines(result: str = "符合", kind: str | None = None) -> list[dict]:
    return [
        {"code": item.code, "result": result, "remark": ""} for item in legality_checklist(kind)
    ]


def fair_competition_data(revision_id, applicable: bool = True) -> dict:
    if not applicable:
        return {
            "revision_id": str(revision_id),
            "applicable": "no",
            "skip_reason": "本办法规范临时救助的申请和审批程序，不涉及经营主体经济活动。",
            "conclusion": "",
        }
    data = {
        "revision_id": str(revision_id),
        "applicable": "yes",
        "skip_reason": "",
        "conclusion": "经对照四类十九项标准逐项审查，未发现排除、限制竞争的内容。",
    }
    for _, item in FAIR_COMPETITION_STANDARDS:
        data[f"std_{item.code}"] = "不违反"
    return data


def deliberation_data(revision_id, decision: str = "通过", note: str = "") -> dict:
    return {
        "revision_id": str(revision_id),
        "body": "局党组会",
        "meeting_date": timezone.localdate().isoformat(),
        "minutes_reference": f"党组会纪要〔{timezone.localdate().year}〕3号",
        "decision": decision,
        "note": note,
    }


def registration_data(revision_id) -> dict:
    return {"revision_id": str(revision_id), "issued_on": timezone.localdate().isoformat()}


def sign_off_data(revision_id, approve: bool = True, comment: str = "") -> dict:
    return {
        "revision_id": str(revision_id),
        "approve": "yes" if approve else "no",
        "comment": comment,
    }


def document_edit_data(page, action: str | None = None, **fields) -> dict:
    """The document's edit form as a browser posts it, with ``action`` (submit, publish…)."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "issuer": page.issuer,
        "doc_number": page.doc_number,
        "index_number": page.index_number,
        "topic": page.topic,
        "validity_status": page.validity_status,
        "body": editor_value(page.body),
        "legal_basis_note": page.legal_basis_note,
        "comments_received": str(page.comments_received),
        "comments_adopted": str(page.comments_adopted),
        "consultation_summary": page.consultation_summary,
        "no_interpretation_reason": page.no_interpretation_reason,
        "disclosure_attribute": page.disclosure_attribute,
        "disclosure_article": page.disclosure_article,
        "disclosure_reason": page.disclosure_reason,
    }
    dates = ["written_on", "published_on", "effective_on", "valid_until", "status_changed_on"]
    for name in [*dates, "consultation_start", "consultation_end"]:
        value = getattr(page, name)
        values[name] = value.isoformat() if value else ""
    values.update(fields)
    data = document_form(**values)
    if not page.affects_public:
        data.pop("affects_public", None)
    if page.touches_economic_activity:
        data["touches_economic_activity"] = "on"
    if action:
        data[f"action-{action}"] = "1"
    return data


def contract_edit_data(contract, action: str | None = None, **fields) -> dict:
    values = {
        "title": contract.title,
        "counterparty": contract.counterparty,
        "contract_type": contract.contract_type,
        "amount": str(contract.amount),
        "term_start": contract.term_start.isoformat(),
        "term_end": contract.term_end.isoformat(),
        "text": contract.text,
    }
    values.update(fields)
    data = contract_form(contract.department, **values)
    if action:
        data[f"action-{action}"] = "1"
    return data


def editor_value(html: str) -> str:
    """The editor's value as a browser posts it; Draftail sends "null" when empty."""
    from wagtail.test.utils.form_data import rich_text

    return rich_text(html) if html else "null"


# ---- driving an item by services (setup for tests whose point lies elsewhere) -----------


def submit(obj, user):
    """Save a revision and start the item's workflow as ``user`` (the admin's 提交审核)."""
    obj.refresh_from_db()
    obj.get_latest_revision_as_object().save_revision(user=user)
    obj.get_workflow().start(obj, user)
    return current_state(obj)


def submitted_with_pdf_and_docx(department, drafter, pdf: bytes):
    """A document whose draft holds 附件1 (``pdf``) and 附件2 (a DOCX), submitted and past
    the fair-competition review, waiting for the legal opinion; returns (page, pdf file)."""
    from cms.models import DocumentAttachment

    page = factories.make_document(department)
    pdf_file = factories.make_attachment("附件1", pdf, "a.pdf")
    docx = factories.make_attachment("附件2", factories.docx_bytes("申请表"), "b.docx")
    draft = page.get_latest_revision_as_object()
    draft.attachments = [
        DocumentAttachment(label="附件1：实施细则", file=pdf_file),
        DocumentAttachment(label="附件2：申请表", file=docx),
    ]
    draft.save_revision(user=drafter)
    submit(page, drafter)
    record_fair_competition(page, drafter)
    return page, pdf_file


def approve_legal(obj, adviser, outcome="同意", **kwargs):
    from review import services

    state = submitted_working_days_ago(current_state(obj))
    kwargs.setdefault("conclusion", "经审查，符合法律法规规定，同意。")
    kwargs.setdefault("required_changes", [])
    return services.opinion_issue(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        adviser=adviser,
        outcome=outcome,
        checklist=checklist_lines(kind=item_kind(obj)),
        **kwargs,
    )


def record_fair_competition(obj, user):
    from review import services

    state = current_state(obj)
    return services.fair_competition_record(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        user=user,
        applicable=False,
        findings={},
        conclusion="",
        skip_reason="不涉及经营主体经济活动。",
    )


def record_secrecy(obj, user, result="可以公开", removed=""):
    """The office's 保密审查 of the latest revision (what the gate asks before publishing)."""
    from review import services

    return services.secrecy_check_record(
        obj=obj,
        revision_id=obj.get_latest_revision().pk,
        user=user,
        result=result,
        basis="不涉及国家秘密、工作秘密、商业秘密和个人隐私。",
        removed=removed,
    )


def record_deliberation(obj, user, decision="通过", note="", secrecy=True):
    """Collective decision; a decision list's (or a decision draft's: 决策公布) publishes it, so
    its 保密审查 is recorded first
    (by ``user``, or the reviewing office member when the deliberation is refused)."""
    from review import services

    state = current_state(obj)
    published_on_approval = (MajorDecisionListPage, DecisionDraftPage)
    if secrecy and decision == "通过" and isinstance(obj.specific, published_on_approval):
        record_secrecy(obj, secrecy_user(obj, user))
    return services.deliberation_record(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        user=user,
        body="局党组会",
        meeting_date=timezone.localdate(),
        minutes_reference="党组会纪要〔2026〕3号",
        decision=decision,
        note=note,
    )


def ready_for_registration(page, drafter, adviser, office_user):
    """Submitted, fair-competition reviewed, approved and deliberated: the office's turn."""
    submit(page, drafter)
    record_fair_competition(page, drafter)
    approve_legal(page, adviser)
    record_deliberation(page, office_user)
    record_secrecy(page, office_user)
    return current_state(page)


def secrecy_user(obj, user):
    from review.services.secrecy import secrecy_conflict

    if not secrecy_conflict(obj, obj.get_latest_revision(), user):
        return user
    return factories.user_with_role("office", username="secrecy-office")


def register(page, office_user):
    from review import services

    state = current_state(page)
    return services.registration_register(
        task_state_id=state.pk, revision_id=state.revision_id, user=office_user
    )
