"""Demo: a draft of the 养老服务中心 with findings of every severity, pre-reviewed once.

Idempotent: the draft is found by its slug; a run is added only when it has none. Called
by ``load_demo`` (bureau app) after the bureau's records exist.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from bureau.demo import loader
from cms.models import (
    Department,
    DepartmentFolderPage,
    DocumentAttachment,
    NormativeDocumentPage,
)
from prereview.models import PreReviewRun, RunTrigger
from prereview.services import prereview_run

SLUG = "yanglao-yunying-butie-zanxing-zqyj"
TITLE = "吴忠市红寺堡区养老服务机构运营补贴暂行办法（征求意见稿）"
BODY = [
    "第一条 为规范养老服务机构运营补贴，依照《中华人民共和国合同法》和本区实际，制定本办法。",
    "第二条 政府购买养老服务时，同等条件下本地企业优先。",
    "第三条 补贴资金的申请、审核按照红民发[2023]5号文件执行。",
    "第四条 本办法自印发之日起施行。",
]
ANNEX_TITLE = "附件：2026年第一批运营补贴拟发放名单"
ANNEX_LINES = [
    "序号 | 机构名称 | 负责人 | 身份证号 | 拟补贴金额（元）",
    "1 | 红寺堡区颐养院 | 马某某 | 640303199001011234 | 36000",
]


def load_demo_draft() -> NormativeDocumentPage | None:
    """The draft (created once) and one on-demand pre-review run over it."""
    department = (
        Department.objects.filter(code="yanglao").first()
        or Department.objects.order_by("pk").first()
    )
    folder = DepartmentFolderPage.objects.filter(department=department).first()
    if folder is None:
        return None
    drafter = get_user_model().objects.filter(groups=department.group_id).order_by("pk").first()
    page = NormativeDocumentPage.objects.filter(slug=SLUG).first()
    if page is None:
        page = NormativeDocumentPage(
            title=TITLE,
            slug=SLUG,
            topic="养老服务",
            body=loader.body_html(BODY),
            affects_public=True,
            touches_economic_activity=True,
            live=False,
        )
        annex = loader._attachment(  # the demo loader's own helpers
            ANNEX_TITLE,
            loader._docx_of(ANNEX_TITLE, ANNEX_LINES),
            "yunying-butie-mingdan.docx",
            department,
        )
        page.attachments.add(DocumentAttachment(label="附件：拟发放名单", file=annex))
        folder.add_child(instance=page)
        page.save_revision(user=drafter)
    if not PreReviewRun.objects.for_object(page).exists():
        prereview_run(obj=page, trigger=RunTrigger.ON_DEMAND, user=drafter)
    return page
