"""公开属性 and 政策解读 of a public item (《政府信息公开条例》2019).

``DisclosureAttribute`` is the one vocabulary: only 主动公开 items are shown to the public
(portal pages and lists, the API, feeds, sitemap, search); 依申请公开 items are provided on
request (the disclosure app counts both); 不予公开 needs its reason and the 条例 article.
The fields are a mixin so every public item kind can carry them; the normative document
does today. A policy interpretation (政策解读) is an inline child of its document, so it is
in the revision the adviser reviews (its content hash), and published with it.
"""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "主动公开", "主动公开"
    ON_REQUEST = "依申请公开", "依申请公开"
    WITHHELD = "不予公开", "不予公开"


class WithholdingArticle(models.TextChoices):
    """The 条例 article a 不予公开 (or 依申请公开) attribute rests on."""

    ART_14 = "第十四条", "第十四条（国家秘密、法律法规禁止公开、危及“三安全一稳定”）"
    ART_15 = "第十五条", "第十五条（商业秘密、个人隐私）"
    ART_16_INTERNAL = "第十六条第一款", "第十六条第一款（内部事务信息）"
    ART_16_PROCESS = "第十六条第二款", "第十六条第二款（过程性信息、行政执法案卷）"
    ART_27 = "第二十七条", "第二十七条（依申请公开）"


PUBLIC_ONLY = DisclosureAttribute.PROACTIVE  # what anonymous visitors may see


class DisclosedItem(models.Model):
    """The 公开属性 fields of a public item."""

    disclosure_attribute = models.CharField(
        "公开属性",
        max_length=5,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
        db_index=True,
        help_text="只有“主动公开”的才在门户、接口、订阅和检索中公开。",
    )
    disclosure_article = models.CharField(
        "条例依据",
        max_length=10,
        choices=WithholdingArticle.choices,
        blank=True,
        help_text="依申请公开或不予公开时必填：《政府信息公开条例》的条款。",
    )
    disclosure_reason = models.TextField(
        "不公开（依申请公开）的理由", blank=True, help_text="依申请公开或不予公开时必填。"
    )

    disclosure_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("disclosure_attribute"), FieldPanel("disclosure_article")]
                ),
                FieldPanel("disclosure_reason"),
            ],
            heading="公开属性",
        )
    ]

    class Meta:
        abstract = True

    @property
    def is_proactive(self) -> bool:
        return self.disclosure_attribute == DisclosureAttribute.PROACTIVE

    def disclosure_errors(self) -> dict[str, str]:
        return attribute_errors(
            self.disclosure_attribute, self.disclosure_article, self.disclosure_reason
        )


def attribute_errors(attribute: str, article: str, reason: str) -> dict[str, str]:
    """Form errors of a 公开属性 (also read by the gate from a revision's content)."""
    if attribute in ("", DisclosureAttribute.PROACTIVE, None):
        return {}
    errors = {}
    if not (reason or "").strip():
        errors["disclosure_reason"] = f"公开属性为“{attribute}”时必须写明理由。"
    if not article:
        errors["disclosure_article"] = (
            f"公开属性为“{attribute}”时必须选择《政府信息公开条例》的条款。"
        )
    return errors


def interpretation_required(*, affects_public: bool) -> bool:
    """Documents affecting the public need a 政策解读 (setting POLICY_INTERPRETATION_REQUIRED)."""
    return bool(affects_public) and getattr(settings, "POLICY_INTERPRETATION_REQUIRED", True)


class PolicyInterpretation(Orderable):
    """政策解读 of a normative document: text, a Q&A and an optional graphic (图解).

    An inline child of the document: drafted with it, in the reviewed content hash, and
    published with it (同步起草、同步审签、同步发布)."""

    page = ParentalKey(
        "cms.NormativeDocumentPage", on_delete=models.CASCADE, related_name="interpretations"
    )
    title = models.CharField("解读标题", max_length=200)
    body = RichTextField("解读正文", features=["h3", "bold", "ol", "ul"])
    questions = models.TextField(
        "问答", blank=True, help_text="每组问答两行：第一行“问：”，第二行“答：”。"
    )
    graphic = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="图解",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("questions"),
        FieldPanel("graphic"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def __str__(self) -> str:
        return self.title

    def qa_pairs(self) -> list[tuple[str, str]]:
        """(问, 答) pairs from the Q&A text."""
        pairs, question = [], None
        for line in (self.questions or "").splitlines():
            line = line.strip()
            if line.startswith(("问：", "问:")):
                question = line[2:].strip()
            elif line.startswith(("答：", "答:")) and question is not None:
                pairs.append((question, line[2:].strip()))
                question = None
        return pairs
