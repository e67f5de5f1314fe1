"""依申请公开 requests and their steps, the annual report's hand-entered parts, and the
findings of the personal-data scan. The requester's personal data lives only here: no
public page, feed, API or search index reads these tables (docs/architecture.md)."""

from django.conf import settings
from django.db import models

from disclosure.vocab import (
    SUBTYPE_CHOICES,
    Delivery,
    Format,
    IdType,
    ReplyType,
    RequesterKind,
)

DESCRIPTION_MAX = 4000


class Source(models.TextChoices):
    PORTAL = "portal", "门户网站在线申请"
    STAFF = "staff", "工作人员录入（信函、当面、传真等）"


class DisclosureRequest(models.Model):
    tracking_number = models.CharField("申请编号", max_length=30, unique=True)
    secret_digest = models.CharField(max_length=64, editable=False)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    requester_kind = models.CharField(
        "申请人类型", max_length=12, choices=RequesterKind.choices, default=RequesterKind.PERSON
    )
    name = models.CharField("姓名", max_length=50, blank=True)
    id_type = models.CharField("证件类型", max_length=12, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    org_name = models.CharField("法人或其他组织名称", max_length=100, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    format = models.CharField("获取信息的载体形式", max_length=10, choices=Format.choices)
    delivery = models.CharField("获取信息的方式", max_length=10, choices=Delivery.choices)
    received_on = models.DateField("收到申请日期")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 补正: asked (clock stopped) → answered (clock restarts from that day)
    clarification_asked_on = models.DateField("补正告知日期", null=True, blank=True)
    clarification_letter = models.TextField("补正告知内容", blank=True)
    clarification_answered_on = models.DateField("收到补正日期", null=True, blank=True)
    clarification_answer = models.TextField("补正内容", blank=True)
    # 延长答复期限 (leader's approval)
    extended_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # 答复
    reply_type = models.CharField("答复类型", max_length=12, choices=ReplyType.choices, blank=True)
    reply_subtype = models.CharField("具体情形", max_length=20, choices=SUBTYPE_CHOICES, blank=True)
    reply_reason = models.TextField("理由和依据", blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at_reply = models.DateField("答复时的期限", null=True, blank=True)
    overdue = models.BooleanField("逾期答复", default=False)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        permissions = [
            ("handle_request", "可办理政府信息公开申请"),
            ("approve_extension", "可批准延长答复期限"),
            ("read_disclosure_report", "可查看政府信息公开工作年度报告"),
            ("decide_scan_finding", "可处理个人信息排查结果"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def requester_label(self) -> str:
        return RequesterKind(self.requester_kind).label

    @property
    def is_person(self) -> bool:
        return self.requester_kind == RequesterKind.PERSON

    @property
    def awaiting_clarification(self) -> bool:
        return bool(self.clarification_asked_on and not self.clarification_answered_on)

    @property
    def status(self) -> str:
        if self.replied_on:
            return "已答复（逾期）" if self.overdue else "已答复"
        if self.awaiting_clarification:
            return "待申请人补正"
        return "办理中（已延期）" if self.extended_on else "办理中"


class RequestStep(models.Model):
    """The log of a request: who recorded which step, when."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField("步骤", max_length=20)
    day = models.DateField("日期")
    note = models.TextField("说明", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "办理步骤"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.day} {self.action}"


OUTCOMES = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
]
APPEAL_GROUPS = [
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼：未经复议直接起诉"),
    ("suit_after", "行政诉讼：复议后起诉"),
]


class DisclosureYear(models.Model):
    """The parts of a year's report the office writes: 四、复议和诉讼 counts, 五、六 text."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    overview = models.TextField("一、总体情况（补充说明）", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "政府信息公开年度报告填报"

    def __str__(self) -> str:
        return f"{self.year}年"


class AppealCase(models.Model):
    """One 行政复议 or 行政诉讼 about disclosure, so section 四's cells count records."""

    year = models.PositiveSmallIntegerField("年度")
    group = models.CharField("类别", max_length=12, choices=APPEAL_GROUPS)
    outcome = models.CharField("结果", max_length=10, choices=OUTCOMES)
    title = models.CharField("案件名称或案号", max_length=200)
    request = models.ForeignKey(
        DisclosureRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "政府信息公开行政复议、行政诉讼案件"
        ordering = ["year", "group", "pk"]

    def __str__(self) -> str:
        return self.title


class FindingState(models.TextChoices):
    OPEN = "open", "待处理"
    TAKEN_DOWN = "taken_down", "已撤下"
    MASKED = "masked", "已脱敏"
    IGNORED = "ignored", "经核实无需处理"


class ScanFinding(models.Model):
    """One unmasked personal number found in published content by the scan."""

    key = models.CharField(max_length=64, unique=True)  # source, object, place, number
    source = models.CharField("内容类别", max_length=20)
    object_id = models.CharField(max_length=40)
    title = models.CharField("内容", max_length=255)
    place = models.CharField("位置", max_length=200)
    kind = models.CharField("类型", max_length=20)
    masked = models.CharField("号码（已遮盖）", max_length=40)
    context = models.CharField("上下文（已遮盖）", max_length=200, blank=True)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()
    state = models.CharField(
        "处理状态", max_length=12, choices=FindingState.choices, default=FindingState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("处理说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "个人信息排查结果"
        ordering = ["state", "-last_seen", "pk"]

    def __str__(self) -> str:
        return f"{self.title}：{self.place}"
