"""What the API answers, field by field, with the portal's Chinese names as titles."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    detail: str = Field(..., title="错误说明")
    parameter: str | None = Field(None, title="出错的参数")


class AttachmentOut(Schema):
    title: str = Field(..., title="附件名称")
    url: str = Field(..., title="下载地址", description="文档服务地址（/documents/…）")
    size: int | None = Field(None, title="文件大小（字节）")
    type: str = Field(..., title="文件类型", description="扩展名，如 pdf、docx")
    content_type: str = Field(..., title="MIME 类型")


class DocumentRef(Schema):
    id: int = Field(..., title="文件编号")
    title: str = Field(..., title="标题")
    doc_number: str = Field(..., title="发文字号")
    api_url: str = Field(..., title="接口地址")
    html_url: str | None = Field(None, title="门户页面地址")


class DocumentOut(Schema):
    id: int = Field(..., title="文件编号")
    title: str = Field(..., title="标题")
    index_number: str = Field(..., title="索引号")
    issuer: str = Field(..., title="发文机关")
    doc_number: str = Field(..., title="发文字号")
    registration_number: str = Field(..., title="登记编号")
    written_on: date | None = Field(None, title="成文日期")
    published_on: date | None = Field(None, title="发布日期")
    effective_on: date | None = Field(None, title="施行日期")
    valid_until: date | None = Field(None, title="有效期至")
    validity_status: str = Field(
        ..., title="有效性", description="现行有效 / 已修改 / 已废止 / 已失效"
    )
    status_changed_on: date | None = Field(None, title="废止（失效、修改）日期")
    topic: str = Field(..., title="主题分类")
    replaced_by: DocumentRef | None = Field(
        None, title="替代文件", description="已废止或已修改时的新文件"
    )
    attachments: list[AttachmentOut] = Field(..., title="附件")
    api_url: str = Field(..., title="接口地址")
    html_url: str | None = Field(None, title="门户页面地址")
    last_published_at: datetime | None = Field(None, title="最近发布时间")
    highlights: list[str] | None = Field(
        None, title="高亮片段", description="仅带 q 检索时返回；HTML，命中词以 <mark> 标出"
    )
    score: float | None = Field(
        None, title="相关度", description="仅带 q 检索时返回：按相关度的名次换算，第n名为1/n"
    )


class InterpretationOut(Schema):
    title: str = Field(..., title="解读标题")
    body: str = Field(..., title="解读正文", description="HTML")
    questions: list[list[str]] = Field(..., title="问答", description="[问, 答] 对")
    graphic_url: str | None = Field(None, title="图解", description="图片地址")


class DocumentDetail(DocumentOut):
    body: str = Field(..., title="正文", description="HTML")
    disclosure_attribute: str = Field(..., title="公开属性", description="接口只提供主动公开的文件")
    interpretations: list[InterpretationOut] = Field(
        ..., title="政策解读", description="与文件同步审签、同步发布"
    )


class PageMeta(Schema):
    total: int = Field(..., title="总条数")
    limit: int = Field(..., title="每页条数（实际）")
    offset: int = Field(..., title="跳过条数")
    page: int = Field(..., title="页码")
    max_limit: int = Field(..., title="每页最大条数")


class DocumentList(PageMeta):
    ordering: str = Field(..., title="排序")
    items: list[DocumentOut] = Field(..., title="文件")


class ProcedureOut(Schema):
    code: str = Field(..., title="程序代码")
    label: str = Field(
        ..., title="法定程序", description="公众参与、专家论证、风险评估、合法性审查、集体讨论决定"
    )
    required: bool = Field(..., title="是否必经")
    done_on: date | None = Field(None, title="完成日期")
    note: str = Field(..., title="情况说明")
    has_evidence: bool = Field(..., title="是否有佐证材料")


class DecisionItemOut(Schema):
    id: int = Field(..., title="事项编号")
    name: str = Field(..., title="事项名称")
    lead_unit: str = Field(..., title="承办单位")
    legal_basis: str = Field(..., title="决策依据")
    planned_on: date | None = Field(None, title="计划完成时间")
    status: str = Field(..., title="状态", description="计划中 / 进行中 / 已完成 / 已调出")
    progress: str = Field(
        ...,
        title="办理状态",
        description="由该事项的记录计算：未启动 / 公众参与中 / 办理中 / 已公布 / 已备案 / 已调出",
    )
    decision_url: str | None = Field(None, title="决策公布页面地址", description="公布后才有")
    adjustment_reason: str = Field(..., title="调整理由")
    procedures: list[ProcedureOut] = Field(..., title="法定程序履行情况")


class ChangeOut(Schema):
    field: str = Field(..., title="调整内容")
    old: str = Field(..., title="调整前")
    new: str = Field(..., title="调整后")


class AdjustmentOut(Schema):
    when: datetime = Field(..., title="调整时间")
    action: str = Field(..., title="调整类型", description="新增 / 变更 / 调出 / 删除")
    item_name: str = Field(..., title="事项名称")
    changes: list[ChangeOut] = Field(..., title="变更明细")
    reason: str = Field(..., title="调整理由")


class DecisionListOut(Schema):
    id: int = Field(..., title="目录编号")
    year: int = Field(..., title="年度")
    title: str = Field(..., title="标题")
    intro: str = Field(..., title="说明")
    html_url: str | None = Field(None, title="门户页面地址")
    last_published_at: datetime | None = Field(None, title="最近发布时间")
    items: list[DecisionItemOut] = Field(..., title="决策事项")
    adjustments: list[AdjustmentOut] = Field(..., title="动态调整记录", description="新的在前")


class DecisionListsOut(Schema):
    total: int = Field(..., title="目录数")
    items: list[DecisionListOut] = Field(..., title="各年度目录")


class PowerItemOut(Schema):
    code: str = Field(..., title="编码")
    name: str = Field(..., title="事项名称")
    subitem: str = Field(..., title="子项")
    legal_basis: str = Field(..., title="设定依据")
    implementing_body: str = Field(..., title="实施主体")
    department: str = Field(..., title="承办科室")
    responsibilities: str = Field(..., title="责任事项")
    accountability: str = Field(..., title="追责情形")
    note: str = Field(..., title="备注")


class PowerCategoryOut(Schema):
    category: str = Field(..., title="权力类别")
    count: int = Field(..., title="事项数")
    items: list[PowerItemOut] = Field(..., title="事项")


class PowerListOut(Schema):
    total: int = Field(..., title="事项总数")
    categories: list[PowerCategoryOut] = Field(..., title="按类别")


class CleanupResultOut(Schema):
    campaign: str = Field(..., title="清理活动")
    document: DocumentRef = Field(..., title="文件")
    decision: str = Field(..., title="清理结果", description="继续有效 / 修改 / 废止 / 宣布失效")
    approved_on: date = Field(..., title="批准日期")
    effective_on: date | None = Field(None, title="生效日期")


class CleanupResultsOut(PageMeta):
    items: list[CleanupResultOut] = Field(..., title="清理结果")


class OutcomeOut(Schema):
    received: int = Field(..., title="收到意见（条）")
    adopted: int = Field(..., title="采纳（条）")
    partly_adopted: int = Field(..., title="部分采纳（条）")
    rejected: int = Field(..., title="不采纳（条）")
    summary: str = Field(..., title="意见采纳情况说明")


class ConsultationOut(Schema):
    id: int = Field(
        ..., title="编号", description="行政规范性文件为文件编号；重大行政决策为征求意见编号"
    )
    kind: str = Field(..., title="类别", description="行政规范性文件 / 重大行政决策")
    title: str = Field(..., title="标题")
    doc_number: str = Field(..., title="发文字号", description="草案尚无文号时为空")
    start: date = Field(..., title="征求意见开始日期")
    end: date = Field(..., title="征求意见截止日期")
    status: str = Field(..., title="状态", description="进行中 / 已结束")
    outcome: OutcomeOut | None = Field(None, title="意见采纳情况", description="征求意见结束后公布")
    api_url: str | None = Field(None, title="接口地址", description="文件已公布时")
    html_url: str | None = Field(
        None,
        title="门户页面地址",
        description="征求意见页面（可查看全文并提交意见），或已公布文件的页面",
    )


class ConsultationsOut(PageMeta):
    items: list[ConsultationOut] = Field(..., title="征求意见")


class ReliefRowOut(Schema):
    name: str = Field(..., title="姓名（申请人）")
    town: str = Field(..., title="乡镇（街道）")
    village: str = Field(..., title="村（社区）")
    people: int = Field(..., title="保障人数")
    amount: Decimal = Field(..., title="发放金额（元）")
    note: str = Field(..., title="备注")


class ReliefDisclosureOut(Schema):
    id: int = Field(..., title="公示编号")
    title: str = Field(..., title="标题")
    year: int = Field(..., title="年度")
    month: int = Field(..., title="月份")
    type: str = Field(
        ..., title="救助类型", description="如 城乡低保、特困供养、临时救助、高龄津贴"
    )
    department: str = Field(..., title="发布科室")
    households: int = Field(..., title="户数")
    people: int = Field(..., title="人数")
    amount: Decimal = Field(..., title="金额合计（元）")
    api_url: str = Field(..., title="接口地址")
    html_url: str | None = Field(None, title="门户页面地址")
    last_published_at: datetime | None = Field(None, title="最近发布时间")


class ReliefDisclosureDetail(ReliefDisclosureOut):
    intro: str = Field(..., title="说明")
    rows: list[ReliefRowOut] = Field(..., title="发放对象")


class ReliefDisclosuresOut(PageMeta):
    items: list[ReliefDisclosureOut] = Field(..., title="救助资金发放公示")
