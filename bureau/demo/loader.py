"""Load the demo bureau (bureau.demo.data) into the database, idempotently.

Every record is looked up by a natural key first, so running the command twice changes
nothing. Records go in through the same services and model validation a user's would.
"""

import html
import io
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from bureau.demo import data
from cms import roles, services
from cms.models import (
    AttachmentFile,
    Contract,
    DecisionConsultation,
    DecisionItem,
    Department,
    DepartmentFolderPage,
    DocumentAttachment,
    DocumentLegalBasis,
    MajorDecisionListPage,
    NormativeDocumentPage,
    PolicyInterpretation,
    ReliefDisclosurePage,
    ReliefRow,
    ReliefType,
    Statute,
)
from cms.power_import import power_list_import
from cms.statute_import.services import statutes_import

DEMO_PASSWORD = "hsp-demo-2026"


class DemoLogin(NamedTuple):
    username: str
    full_name: str
    role: str
    department: str


ROLE_LABELS = {
    "drafter": "起草人",
    "adviser": "法律顾问",
    "office": "局办公室",
    "leader": "局领导",
    "admin": "管理员",
}


class DemoPlan(NamedTuple):
    """What the demo created as drafts, with the spec saying how far each should go.

    The review app walks each item along its real review path (cms never imports review).
    """

    logins: list[DemoLogin]
    documents: list[tuple[NormativeDocumentPage, dict]]
    contracts: list[tuple[Contract, dict]]
    decision_lists: list[tuple[MajorDecisionListPage, dict]]
    departments: dict


@transaction.atomic
def load_records() -> DemoPlan:
    services.site_tree_ensure()
    groups = services.roles_ensure()
    departments = {spec["code"]: _department(spec) for spec in data.DEPARTMENTS}
    logins = [_user(spec, departments, groups) for spec in data.USERS]
    _statutes()
    office_user = get_user_model().objects.get(username="office")
    plan = DemoPlan(
        logins,
        _documents(departments),
        _contracts(departments, office_user),
        _decision_lists(departments, office_user),
        departments,
    )
    _decision_consultations()
    _power_list(office_user)
    relief_disclosures()
    return plan


def _department(spec: dict) -> Department:
    department, _ = Department.objects.get_or_create(
        code=spec["code"],
        defaults={
            "name": spec["name"],
            "short_name": spec["short_name"],
            "kind": spec["kind"],
            "sort_order": [d["code"] for d in data.DEPARTMENTS].index(spec["code"]),
        },
    )
    return services.department_provision(department)


def _user(spec: dict, departments: dict, groups: dict) -> DemoLogin:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=spec["username"],
        defaults={"email": spec["email"], "first_name": spec["full_name"]},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
    user.is_superuser = spec["role"] == "admin"
    user.is_staff = spec["role"] == "admin"
    user.save()
    department = departments.get(spec["department"]) if spec["department"] else None
    if spec["role"] == "drafter":
        user.groups.add(department.group)
    else:
        user.groups.add(groups[spec["role"]])
    return DemoLogin(
        spec["username"],
        spec["full_name"],
        ROLE_LABELS[spec["role"]],
        department.name if department else "—",
    )


STATUTE_LIBRARY = Path(__file__).with_name("statutes.csv")


def _statutes() -> None:
    """The realistic library (``statutes.csv``, the same file a bureau imports), then the few
    rows the demo documents rely on, should the file ever lose one."""
    statutes_import(file_name=STATUTE_LIBRARY.name, data=STATUTE_LIBRARY.read_bytes())
    for spec in data.STATUTES_EXTRA:
        Statute.objects.get_or_create(
            name=spec["name"],
            defaults={
                "short_name": spec["short_name"],
                "aliases": "\n".join(spec["aliases"]),
                "status": spec["status"],
                "level": spec["level"],
                "promulgated_on": spec["promulgated_on"],
                "repealed_on": spec["repealed_on"],
            },
        )
    for spec in data.STATUTES_EXTRA:
        if spec["replaced_by"]:
            Statute.objects.filter(name=spec["name"], replaced_by__isnull=True).update(
                replaced_by=Statute.objects.get(name=spec["replaced_by"])
            )


def body_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _docx_of(title: str, paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _attachment(title: str, content: bytes, filename: str, department) -> AttachmentFile:
    existing = AttachmentFile.objects.filter(title=title).first()
    if existing:
        return existing
    attachment = AttachmentFile(
        title=title, file=ContentFile(content, name=filename), collection=department.collection
    )
    attachment.full_clean()
    attachment._set_document_file_metadata()
    attachment.save()
    return attachment


def _documents(departments: dict) -> list[tuple[NormativeDocumentPage, dict]]:
    created = []
    for index, spec in enumerate(data.DOCUMENTS, 1):
        folder = DepartmentFolderPage.objects.get(department=departments[spec["department"]])
        page = NormativeDocumentPage.objects.child_of(folder).filter(slug=spec["key"]).first()
        created.append((page or _new_document(folder, spec, index), spec))
    return created


def link_replacements(documents: list[tuple[NormativeDocumentPage, dict]], user) -> None:
    """After issue: an abolished document names its replacement (a lifecycle change)."""
    pages = {spec["key"]: page for page, spec in documents}
    for page, spec in documents:
        page.refresh_from_db()
        if spec["replaced_by"] and not page.replaced_by_id and page.live:
            page.replaced_by = pages[spec["replaced_by"]]
            page.save_revision(user=user).publish(user=user, skip_permission_checks=True)


def backdate_publication(obj, day) -> None:
    """Demo items were issued in the past: stamp Wagtail's publication times accordingly."""
    when = _aware(day)
    type(obj).objects.filter(pk=obj.pk).update(first_published_at=when, last_published_at=when)


def _new_document(folder, spec: dict, index: int) -> NormativeDocumentPage:
    consultation = spec.get("consultation") or {}
    year = spec["written_on"].year if spec["written_on"] else timezone.localdate().year
    page = NormativeDocumentPage(
        title=spec["title"],
        slug=spec["key"],
        doc_number=spec["doc_number"],
        index_number=f"640303-MZ/{year}-{index:05d}" if spec["state"] == "live" else "",
        written_on=spec["written_on"],
        published_on=spec["published_on"],
        effective_on=spec["effective_on"],
        valid_until=spec["valid_until"],
        validity_status=spec["status"],
        status_changed_on=spec["abolished_on"],
        topic=spec["topic"],
        body=body_html(spec["body"]),
        affects_public=spec["affects_public"],
        touches_economic_activity=spec["touches_economic_activity"],
        consultation_start=consultation.get("start"),
        consultation_end=consultation.get("end"),
        comments_received=consultation.get("comments_received", 0),
        comments_adopted=consultation.get("comments_adopted", 0),
        consultation_summary=consultation.get("summary", ""),
        live=False,
    )
    page.full_clean(exclude=["path", "depth", "slug"])
    for order, name in enumerate(spec["legal_basis"]):
        page.legal_bases.add(
            DocumentLegalBasis(statute=Statute.objects.get(name=name), sort_order=order)
        )
    if spec["state"] == "live":
        department = folder.department
        attachment = _attachment(
            f"{spec['title']}（正文）",
            _docx_of(spec["title"], spec["body"]),
            f"{spec['key']}.docx",
            department,
        )
        page.attachments.add(DocumentAttachment(label="附件1：文件正文", file=attachment))
    _interpretation(page, spec, index)
    folder.add_child(instance=page)
    drafter = get_user_model().objects.filter(groups=folder.department.group_id).first()
    page.save_revision(user=drafter)
    return page


def _interpretation(page: NormativeDocumentPage, spec: dict, index: int) -> None:
    """政策解读, drafted with the document (同步起草); every other one records why not."""
    if index % 2 == 0:
        page.no_interpretation_reason = (
            "本文件为原有制度的程序性修订，已在起草说明中解释，未另附解读。"
        )
        return
    page.interpretations.add(
        PolicyInterpretation(
            title=f"《{spec['title']}》政策解读",
            body=body_html(
                [
                    f"一、制定背景：{spec['body'][0]}",
                    "二、主要内容：明确适用范围、办理程序、部门职责和监督管理要求。",
                ]
            ),
            questions=(
                "问：本办法适用于哪些人员？\n答：适用于在本区申请和享受相关民政服务的城乡居民。\n"
                "问：到哪里办理？\n答：向户籍所在地乡镇（街道）社会救助窗口或区民政局提出申请。"
            ),
        )
    )


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _contracts(departments: dict, office_user) -> list[tuple[Contract, dict]]:
    created = []
    for spec in data.CONTRACTS:
        existing = Contract.objects.filter(title=spec["title"]).first()
        if existing:
            created.append((existing, spec))
            continue
        contract = Contract(
            title=spec["title"],
            counterparty=spec["counterparty"],
            amount=spec["amount"],
            contract_type=spec["contract_type"],
            department=departments[spec["department"]],
            term_start=spec["term_start"],
            term_end=spec["term_end"],
            signed_on=spec["signed_on"],
            text="\n".join(spec["text"]),
            live=False,
        )
        contract.full_clean()
        contract.save()
        drafter = get_user_model().objects.filter(groups=contract.department.group_id).first()
        contract.save_revision(user=drafter or office_user)
        created.append((contract, spec))
    return created


def _decision_lists(departments: dict, office_user) -> list[tuple[MajorDecisionListPage, dict]]:
    """Each year's list as first drawn up; adjustments come after it is published."""
    tree = services.site_tree_ensure()
    created = []
    for year, spec in data.DECISION_LISTS.items():
        page = MajorDecisionListPage.objects.filter(year=year).first()
        if page is None:
            page = MajorDecisionListPage(title=spec["title"], slug=str(year), year=year, live=False)
            tree.decisions.add_child(instance=page)
            adjustments = {a["item"]: a for a in spec.get("adjustments", [])}
            for order, item_spec in enumerate(spec["items"]):
                adjustment = adjustments.get(item_spec["name"])
                if adjustment and adjustment["action"] == "added":
                    continue
                item = _decision_item(page, item_spec, departments, order)
                if adjustment and adjustment["action"] == "changed":
                    item.planned_on = item.planned_on - timedelta(days=15)
                elif adjustment and adjustment["action"] == "removed":
                    item.status = "计划中"
                _save_with_history(item, office_user, _aware(page_first_day(year)), "初次编制目录")
            page.save_revision(user=office_user)
        created.append((page, spec))
    return created


def draft_adjustment(page: MajorDecisionListPage, spec: dict, departments: dict, user):
    """The year's 动态调整 as one new revision of the list (reviewed and published like the
    list itself); returns it, or None when there is nothing (left) to adjust."""
    adjustments = {a["item"]: a for a in spec.get("adjustments", [])}
    if not adjustments or not page.live or page.has_unpublished_changes:
        return None
    if page.items.filter(adjustment_reason__gt="").exists():
        return None  # already adjusted
    draft = page.get_latest_revision_as_object()
    items = {item.name: item for item in draft.items.all()}
    for order, item_spec in enumerate(spec["items"]):
        adjustment = adjustments.get(item_spec["name"])
        if not adjustment:
            continue
        item = _decision_item(
            draft, item_spec, departments, order, existing=items.get(item_spec["name"])
        )
        item.adjustment_reason = adjustment["reason"]
        items[item_spec["name"]] = item
    draft.items = sorted(items.values(), key=lambda item: item.sort_order)
    draft.adjustment_note = "；".join(a["reason"] for a in adjustments.values())
    return draft.save_revision(user=user)


def page_first_day(year: int):
    return datetime(year, 1, 15).date()


def _decision_item(page, spec: dict, departments: dict, order: int, existing=None):
    item = existing or DecisionItem(decision_list=page)
    item.name = spec["name"]
    item.lead_unit = departments[spec["lead_unit"]]
    item.legal_basis = spec["legal_basis"]
    item.planned_on = spec["planned_on"]
    item.status = spec["status"]
    item.sort_order = order
    for code, procedure in spec["procedures"].items():
        setattr(item, f"{code}_required", procedure["required"])
    # Progress is each decision's own records (bureau.demo.decisions); only a legality
    # review done on paper (no draft in the system) keeps its date on the item, read-only.
    legality = spec["procedures"]["legality_review"]
    item.legality_review_done_on = legality["done_on"]
    item.legality_review_note = legality["note"]
    return item


def backdate_adjustments(page: MajorDecisionListPage, spec: dict) -> None:
    """Stamp each adjustment's history row with the day the spec says it happened."""
    for adjustment in spec.get("adjustments", []):
        DecisionItem.history.filter(
            decision_list_id=page.pk, name=adjustment["item"], history_type__in=["+", "~"]
        ).filter(history_change_reason=adjustment["reason"]).update(
            history_date=_aware(adjustment["on"])
        )


def _save_with_history(item: DecisionItem, user, when: datetime, reason: str) -> None:
    item._history_user = user
    item._history_date = when
    item._change_reason = reason
    item.full_clean(exclude=["decision_list"])
    item.save()


def _decision_consultations() -> None:
    """Major decisions' drafts open for public comment (重大行政决策公开征求意见)."""
    for spec in data.DECISION_CONSULTATIONS:
        item = DecisionItem.objects.get(decision_list__year=spec["year"], name=spec["item"])
        consultation = DecisionConsultation.objects.filter(item=item).first()
        if consultation is None:
            consultation = DecisionConsultation(
                item=item, text=spec["text"], start=spec["start"], end=spec["end"]
            )
            consultation.full_clean()
            consultation.save()


def _power_list(office_user) -> None:
    """The 80-item 权力清单 through the real importer (a re-load changes no item)."""
    power_list_import(
        user=office_user,
        data=data.POWER_LIST_FILE.read_bytes(),
        filename=data.POWER_LIST_FILE.name,
    )


__all__ = [
    "DEMO_PASSWORD",
    "DemoLogin",
    "DemoPlan",
    "backdate_adjustments",
    "backdate_publication",
    "draft_adjustment",
    "link_replacements",
    "load_records",
    "relief_disclosures",
    "roles",
]


def relief_rows(relief_type: str, month: int) -> list[ReliefRow]:
    """The made-up households of one month's list, the same on every run."""
    rng = random.Random(f"{data.RELIEF_SEED}-{relief_type}-{month}")
    households = random.Random(data.RELIEF_SEED).sample(
        data.RELIEF_NAMES, data.RELIEF_DIBAO_HOUSEHOLDS
    )
    if relief_type == ReliefType.TEMPORARY:
        households = rng.sample(data.RELIEF_NAMES, rng.randint(3, 5))
    rows = []
    for order, name in enumerate(households):
        place = random.Random(f"{data.RELIEF_SEED}-{name}")  # a household stays where it lives
        town = place.choice(sorted(data.RELIEF_PLACES))
        village = place.choice(data.RELIEF_PLACES[town])
        people = place.randint(1, 5)
        if relief_type == ReliefType.TEMPORARY:
            amount = Decimal(rng.randrange(1000, 5001, 100))
            note = rng.choice(data.RELIEF_TEMPORARY_NOTES)
        else:
            amount = Decimal(people * place.choice(data.RELIEF_DIBAO_RATES))
            note = ""
        rows.append(
            ReliefRow(
                sort_order=order,
                name=name,
                town=town,
                village=village,
                people=people,
                amount=amount,
                note=note,
            )
        )
    return rows


def relief_disclosures() -> list[ReliefDisclosurePage]:
    """2023's monthly 城乡低保 lists of the 社会救助站, and 临时救助 in a few months: published
    (the privacy guard passes them) and stamped with the month they went up."""
    department = Department.objects.get(code=data.RELIEF_DEPARTMENT)
    folder = services.relief_folder_ensure(department)
    publisher = get_user_model().objects.filter(groups=department.group_id).first()
    plan = [(ReliefType.DIBAO, month) for month in range(1, 13)]
    plan += [(ReliefType.TEMPORARY, month) for month in data.RELIEF_TEMPORARY_MONTHS]
    pages = []
    for relief_type, month in plan:
        year = data.RELIEF_YEAR
        page = ReliefDisclosurePage.objects.of_month(
            year, month, relief_type, department.pk
        ).first()
        if page is None:
            rows = relief_rows(relief_type, month)
            page = ReliefDisclosurePage.add_to(
                folder, year, month, relief_type, rows, intro=data.RELIEF_INTRO
            )
            page.save_revision(user=publisher).publish(user=publisher, skip_permission_checks=True)
            backdate_publication(page, date(year, month, 8))
        pages.append(page)
    return pages
