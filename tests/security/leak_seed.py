"""What the leak crawler looks for, put where it must never show: the token and the personal
numbers (tests.security.crawler) in every kind of non-public item of 社会救助站 (department
A), through the real services, the review helpers and, where a person would use it, the
portal's comment form and the admin's edit form.

The crawler then logs in as 社会事务站's drafter (department B). Public items hold only
ordinary words (and personal numbers that must come out masked) so that searches have
something to find.
"""

from datetime import timedelta

from django.db import transaction
from django.test import Client
from django.utils import timezone

from cms import services
from cms.models import (
    ContractAttachment,
    DecisionConsultation,
    DecisionDraftPage,
    DecisionMeeting,
    DocumentAttachment,
    ExpertOpinion,
    NormativeDocumentPage,
    RiskAssessment,
)
from cms.power_import import power_list_import
from prereview import services as prereview_services
from review import setup
from search import indexing
from search.backends import get_backend
from tests import factories
from tests.cms.power_files import csv_bytes
from tests.review import helpers
from tests.security import intake_matrix
from tests.security.crawler import NUMBER_TEXT, TOKEN, WRITINGS

SECRET = f"{TOKEN}：本条为未公开内容。{NUMBER_TEXT}"
SECRET_HTML = f"<p>第一条 {TOKEN}条款，低保救助对象须提供材料。</p><p>{NUMBER_TEXT}</p>"


def attempt(label: str, refused: list, action) -> None:
    """Run ``action`` in a savepoint; a refusal (a guard, a form) is kept, not raised."""
    try:
        with transaction.atomic():
            action()
    except Exception as error:  # the guards refuse with several exception types
        refused.append(f"{label}: {type(error).__name__}: {error}")


def secret_pdf(title: str) -> object:
    data = factories.chinese_pdf_bytes(f"{title}{TOKEN}", "身份证号" + WRITINGS[2], WRITINGS[15])
    return _file(title, data, "secret.pdf")


def secret_docx(title: str) -> object:
    return _file(title, factories.docx_bytes(SECRET), "secret.docx")


def _file(title, data, name):
    attachment = factories.make_attachment(title, data, name)
    return attachment


def seed() -> dict:
    services.site_tree_ensure()
    services.roles_ensure()
    setup.workflows_ensure()
    prereview_services.rules_ensure()
    a = factories.DepartmentFactory(code="jiuzhu", name="社会救助站")
    b = factories.DepartmentFactory(code="shiwu", name="社会事务站")
    drafter_a = factories.drafter_of(a, username="a_drafter")
    drafter_b = factories.drafter_of(b, username="b_drafter")
    adviser = factories.user_with_role("adviser", username="adviser")
    office = factories.user_with_role("office", username="office")
    refused: list[str] = []
    made = {"refused": refused, "a": a, "b": b, "drafter_b": drafter_b}

    # public, ordinary: something for every search and filter to find
    made["live_a"] = factories.make_document(
        a,
        live=True,
        title="城乡低保救助实施细则",
        body="<p>对城乡低保救助对象实行分类施保。</p>",
        doc_number="红民发〔2024〕5号",
        topic="社会救助",
    )
    made["live_b"] = factories.make_document(
        b, live=True, title="殡葬服务管理办法", body="<p>殡葬救助按规定减免。</p>", topic="社会事务"
    )
    public_file = factories.make_attachment("低保申请表")
    DocumentAttachment.objects.create(page=made["live_a"], file=public_file, label="附件1")

    # 1. a never-published draft, its attachments (PDF and DOCX) and a pre-review run
    draft = factories.make_document(
        a,
        title=f"{TOKEN}临时救助办法（草稿）",
        body=SECRET_HTML,
        seo_title=TOKEN,
        search_description=SECRET,
        legal_basis_note=SECRET,
    )
    for attachment in (secret_pdf("草稿附件"), secret_docx("草稿附件二")):
        _collect(attachment, a)
        DocumentAttachment.objects.create(page=draft, file=attachment, label=f"{TOKEN}附件")
    draft.save_revision(user=drafter_a)
    prereview_services.prereview_run(obj=draft, user=drafter_a)
    made["draft"] = draft

    # 2. live pages with a pending revision that adds the token: one in review (with an
    # opinion whose text carries the token), one merely saved
    in_review = factories.make_document(
        a, live=True, title="社会救助资金管理办法", body="<p>救助资金专款专用。</p>"
    )
    _pending_revision(in_review, drafter_a, a, "审核中附件")
    helpers.submit(in_review, drafter_a)
    attempt("fair competition", refused, lambda: helpers.record_fair_competition(in_review, office))
    attempt(
        "opinion",
        refused,
        lambda: helpers.approve_legal(
            in_review, adviser, outcome="修改后同意", conclusion=SECRET, required_changes=[SECRET]
        ),
    )
    made["in_review"] = in_review
    pending = factories.make_document(
        a, live=True, title="特困人员救助供养办法", body="<p>特困人员救助供养。</p>"
    )
    _pending_revision(pending, drafter_a, a, "待提交附件")
    made["pending"] = pending

    # 3. a draft open for public comment (its text is public: numbers only, to be masked),
    # and the public's comments on it, posted through the portal's form
    today = timezone.localdate()
    consulted = factories.make_document(
        a,
        title="低保救助申请办法（征求意见稿）",
        body=f"<p>救助申请。联系电话{WRITINGS[10]}。</p>",
        affects_public=True,
        open_for_consultation=True,
        consultation_start=today - timedelta(days=1),
        consultation_end=today + timedelta(days=20),
    )
    made["consulted"] = consulted
    made["comment_posts"] = [
        _comment(f"/consultations/{consulted.pk}/", n) for n in range(len(COMMENTS))
    ]

    # 4. a contract (internal, never public), its attachment, taken into review
    contract = factories.ContractFactory(
        department=a, title=f"{TOKEN}救助服务合同", text=SECRET, counterparty=f"{TOKEN}公司"
    )
    contract_file = secret_docx("合同附件")
    _collect(contract_file, a)
    ContractAttachment.objects.create(contract=contract, file=contract_file, label=TOKEN)
    attempt("contract submit", refused, lambda: helpers.submit(contract, drafter_a))
    made["contract"] = contract
    made["contract_file"] = contract_file

    # 5. a draft decision list and item; a live list's item open for comment (public text)
    draft_list = factories.make_decision_list(2027, live=False, intro=SECRET)
    factories.make_decision_item(draft_list, a, name=f"{TOKEN}救助标准调整", legal_basis=SECRET)
    draft_list.save_revision(user=office)
    live_list = factories.make_decision_list(2026)
    consulted_item = factories.make_decision_item(live_list, a, name="城乡低保救助标准调整")
    attempt("legacy list", refused, lambda: factories.issue_as_legacy(live_list))
    decision_consultation = DecisionConsultation.objects.create(
        item=consulted_item,
        text=f"决策草案：低保救助标准。咨询{WRITINGS[12]}",
        start=today - timedelta(days=1),
        end=today + timedelta(days=40),
    )
    made["comment_posts"] += [
        _comment(f"/consultations/decisions/{decision_consultation.pk}/", n, offset=10)
        for n in range(len(COMMENTS))
    ]
    _decision_draft(live_list, consulted_item, drafter_a, office, refused)

    # 6. relief months: a draft with the token; a live one whose notes hold numbers in
    # writings the publishing guard must catch (refused, or published masked)
    factories.make_relief_disclosure(
        a, 2026, 10, rows=[(TOKEN, "红寺堡镇", "朝阳村", 3, "1260.00", WRITINGS[4])], live=False
    )
    rows = [
        (f"马某{i}", "红寺堡镇", "朝阳村", 2, "800.00", w[:100]) for i, w in enumerate(WRITINGS)
    ]
    attempt(
        "relief with numbers",
        refused,
        lambda: factories.make_relief_disclosure(a, 2026, 9, rows=rows, live=True),
    )

    # 7. a live document whose public fields carry numbers (refused, or published masked)
    attempt(
        "document with numbers",
        refused,
        lambda: factories.make_document(
            a,
            live=True,
            title=f"救助对象公示（电话{WRITINGS[13]}）",
            body=f"<p>{NUMBER_TEXT}</p>",
            search_description=WRITINGS[5],
        ),
    )

    # 8. department B's own draft open for comment, to which B's drafter tries (through the
    # admin's edit form) to attach A's contract file by its id (audit finding 2)
    made["b_consulted"] = factories.make_document(
        b,
        title="殡葬救助办法（征求意见稿）",
        body="<p>殡葬救助。</p>",
        affects_public=True,
        open_for_consultation=True,
        consultation_start=today - timedelta(days=1),
        consultation_end=today + timedelta(days=20),
    )
    made["foreign_file_post"] = _attach_by_id(made["b_consulted"], drafter_b, contract_file)

    # 9. the power list, imported twice (a change and a cancellation for the public change
    # log) by a clerk whose name and file name carry the token (internal); a file with a
    # personal number in a cell is refused
    _power_imports(a, refused)

    # 10. a 存量导入 batch carrying the token, undone: its document is offline
    made["intake_batch"] = intake_matrix.withdrawn_batch(a)

    # 11. a live document that is 依申请公开 (公开属性): published, but never shown publicly
    made["on_request"] = factories.make_document(
        a,
        live=True,
        title=f"{TOKEN}依申请公开的内部管理办法",
        body=f"<p>第一条 {TOKEN}依申请公开条款。</p>",
        disclosure_attribute="依申请公开",
        disclosure_article="第十六条第一款",
        disclosure_reason="内部管理信息，依申请提供。",
    )
    # 12. a 依申请公开 request filed on the portal, the requester's name, address and the
    # description carrying the token, then 补正 and a 部分公开 reply quoting it (never public)
    made["disclosure_request"] = _disclosure_request(office)

    for attachment in factories.AttachmentFile.objects.all():
        indexing.extract_attachment(attachment)
    get_backend().rebuild(indexing.all_entries())
    return made


def _decision_draft(live_list, item, drafter, office, refused: list) -> None:
    """5b. the item's own records (internal text) and its decision draft (决策方案),
    submitted for review; publishing it without an opinion is refused by the gate."""
    today = timezone.localdate()
    ExpertOpinion.objects.create(item=item, expert=TOKEN, given_on=today, opinion=SECRET)
    RiskAssessment.objects.create(item=item, assessed_on=today, level="低", summary=SECRET)
    DecisionMeeting.objects.create(
        item=item, held_on=today, name="局务会", attendees=TOKEN, minutes=SECRET
    )
    draft = DecisionDraftPage(
        title=f"{TOKEN}低保救助标准调整方案", item=item, body=SECRET, summary=SECRET, live=False
    )
    live_list.add_child(instance=draft)
    draft.save_revision(user=drafter)
    attempt("decision draft publish", refused, lambda: draft.get_latest_revision().publish())
    attempt("decision draft submit", refused, lambda: helpers.submit(draft, drafter))


POWER_HEADER = ["类别", "事项名称", "编码", "依据", "承办机构", "备注"]


def _disclosure_request(office):
    from disclosure import services as disclosure_services
    from disclosure.models import DisclosureRequest
    from disclosure.vocab import ReplyType
    from tests.disclosure.builders import person

    data = person(name=f"{TOKEN}"[:10], address=f"{TOKEN}村", description=SECRET)
    data["id_number"] = "640303199001011234"
    Client().post("/xxgk/ysqgk/", data)
    request = DisclosureRequest.objects.get(address=f"{TOKEN}村")
    today = timezone.localdate()
    disclosure_services.clarification_ask(
        request=request, day=today, letter=f"请补正{TOKEN}", user=office
    )
    disclosure_services.clarification_answer(request=request, day=today, answer=SECRET)
    return disclosure_services.reply_record(
        request=request,
        day=today,
        reply_type=ReplyType.PARTIAL,
        reason=f"部分涉及{TOKEN}",
        text=SECRET,
        user=office,
    )


def _power_imports(department, refused: list) -> None:
    clerk = factories.user_with_role("office", username="power_clerk", first_name=TOKEN)
    rows = [
        ["行政给付", "最低生活保障金给付", "LEAK-1", "《社会救助暂行办法》", department.name, ""],
        ["行政确认", "特困人员认定", "LEAK-2", "《特困人员认定办法》", department.name, ""],
    ]
    for version in (rows, [[*rows[0][:3], "《宁夏回族自治区社会救助办法》", *rows[0][4:]]]):
        power_list_import(
            user=clerk, data=csv_bytes(version, header=POWER_HEADER), filename=f"{TOKEN}清单.csv"
        )
    numbered = [[*rows[0][:5], f"联系{WRITINGS[0]}"]]
    attempt(
        "power list with numbers",
        refused,
        lambda: power_list_import(
            user=clerk, data=csv_bytes(numbered, header=POWER_HEADER), filename="清单.csv"
        ),
    )


COMMENTS = (
    {"name": TOKEN, "contact": WRITINGS[9], "text": SECRET},
    {"name": "张三", "contact": WRITINGS[11], "text": f"身份证{WRITINGS[3]}，{WRITINGS[17]}"},
)


def _comment(url: str, n: int, offset: int = 0) -> int:
    client = Client(REMOTE_ADDR=f"10.0.{offset}.{n + 1}")
    return client.post(url, COMMENTS[n]).status_code


def _collect(attachment, department) -> None:
    """Uploaded into the department's collection, as the library's upload form does."""
    attachment.collection = department.collection
    attachment.save()


def _pending_revision(page, user, department, file_title: str) -> None:
    """A revision of a live page that adds the token to every field and an attachment."""
    draft = page.get_latest_revision_as_object()
    draft.title = f"{page.title}（修订{TOKEN}）"
    draft.body = SECRET_HTML
    draft.seo_title = TOKEN
    draft.search_description = SECRET
    attachment = secret_pdf(file_title)
    _collect(attachment, department)
    draft.attachments.add(DocumentAttachment(file=attachment, label=f"{TOKEN}附件"))
    draft.save_revision(user=user)


def _attach_by_id(page, user, file) -> int:
    from wagtail.test.utils.form_data import inline_formset

    client = Client()
    client.force_login(user)
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    data = helpers.document_edit_data(
        page,
        attachments=inline_formset([{"label": "附件1", "file": str(file.pk)}]),
        open_for_consultation="on",
    )
    return client.post(helpers.edit_url(page), data).status_code
