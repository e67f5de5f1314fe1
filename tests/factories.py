"""Factories for the bureau's records (factory-boy), built through the real services."""

import io
from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from cms import roles, services
from cms.models import (
    AttachmentFile,
    Contract,
    ContractType,
    DecisionItem,
    Department,
    DepartmentFolderPage,
    MajorDecisionListPage,
    NormativeDocumentPage,
)

PASSWORD = "test-pass-123"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"测试站{n}")
    kind = "站室"

    @factory.post_generation
    def provision(self, create, extracted, **kwargs):
        if create:
            services.department_provision(self)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    first_name = "测试"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """``role="adviser"|"office"|"leader"|"admin"`` or a Department for a drafter."""
        if not create or extracted is None:
            return
        if isinstance(extracted, Department):
            self.groups.add(extracted.group)
        else:
            self.groups.add(services.roles_ensure()[extracted])
        self.save()


def drafter_of(department: Department, **kwargs):
    return UserFactory(role=department, **kwargs)


def user_with_role(role: str, **kwargs):
    return UserFactory(role=role, **kwargs)


def folder_of(department: Department) -> DepartmentFolderPage:
    return DepartmentFolderPage.objects.get(department=department)


def make_document(department: Department, *, live: bool = False, **fields) -> NormativeDocumentPage:
    """A normative document in the department's folder, saved as a revision (and published)."""
    fields.setdefault("title", "关于进一步规范临时救助工作的实施办法")
    # 政策解读 is required of documents affecting the public; tests of it pass "".
    fields.setdefault("no_interpretation_reason", "测试文件，不附解读。")
    page = NormativeDocumentPage(**fields)
    page.live = False
    folder_of(department).add_child(instance=page)
    page.save_revision()
    if live:
        issue_as_legacy(page)
        page.refresh_from_db()
    return page


def issue_as_legacy(obj):
    """Publish through the gate's 存量导入 path (a paper-issued item, recorded)."""
    from review import services as review_services

    admin = UserFactory(username="legacy-admin", is_superuser=True)
    return review_services.legacy_issue(
        obj=obj, user=admin, paper_reference="纸质档案", reason="测试用存量文件"
    )


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    title = factory.Sequence(lambda n: f"红寺堡区社工站社会工作服务项目合同（第{n}包）")
    counterparty = "宁夏红寺堡区益民社会工作服务中心"
    amount = Decimal("286000.00")
    contract_type = ContractType.SERVICE
    department = factory.SubFactory(DepartmentFactory)
    term_start = date(2026, 1, 1)
    term_end = date(2026, 12, 31)
    live = False


def make_decision_list(year: int = 2026, **fields) -> MajorDecisionListPage:
    tree = services.site_tree_ensure()
    fields.setdefault("title", f"吴忠市红寺堡区民政局{year}年度重大行政决策事项目录")
    page = MajorDecisionListPage(year=year, **fields)
    tree.decisions.add_child(instance=page)
    return page


def make_decision_item(decision_list, department, **fields) -> DecisionItem:
    fields.setdefault("name", "城乡最低生活保障标准调整")
    fields.setdefault("legal_basis", "《社会救助暂行办法》第十条")
    return DecisionItem.objects.create(decision_list=decision_list, lead_unit=department, **fields)


def pdf_bytes(text: str = "Hello") -> bytes:
    """A small valid PDF made with pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def chinese_pdf_bytes(*lines: str) -> bytes:
    """A ReportLab PDF, one line per page, in the CID font STSong-Light (no font file needed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for line in lines:
        page.setFont("STSong-Light", 14)
        page.drawString(72, 720, line)
        page.showPage()
    page.save()
    return buffer.getvalue()


def encrypted_pdf(data: bytes, user_password: str, owner_password: str = "x") -> bytes:
    """``data`` re-written with pypdf, encrypted with the given passwords."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(text: str = "附件正文") -> bytes:
    """A small valid DOCX made with python-docx."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_attachment(title: str = "附件1", content: bytes | None = None, name: str = "a.pdf"):
    content = pdf_bytes(title) if content is None else content
    attachment = AttachmentFile(title=title, file=ContentFile(content, name=name))
    attachment.full_clean()
    attachment._set_document_file_metadata()
    attachment.save()
    return attachment


__all__ = ["PASSWORD", "roles"]


def make_relief_disclosure(
    department: Department,
    year: int,
    month: int,
    relief_type: str = "城乡低保",
    rows: list[tuple] | None = None,
    *,
    live: bool = True,
):
    """A month's relief list in the department's folder; rows are (name, town, village,
    people, amount, note)."""
    from cms.models import ReliefDisclosurePage, ReliefRow

    if rows is None:
        rows = [("马玉花", "红寺堡镇", "朝阳村", 3, "1260.00", "")]
    page = ReliefDisclosurePage.add_to(
        services.relief_folder_ensure(department),
        year,
        month,
        relief_type,
        [
            ReliefRow(name=n, town=t, village=v, people=p, amount=Decimal(a), note=note)
            for n, t, v, p, a, note in rows
        ],
    )
    revision = page.save_revision()
    if live:
        revision.publish(skip_permission_checks=True)
        page.refresh_from_db()
    return page
