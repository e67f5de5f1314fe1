"""The vocabularies of 依申请公开, as the national annual-report template (国办公开办函
〔2021〕30号) names them: requester kinds (the table's columns) and reply types with their
sub-types (the table's rows). One list each; the report, the forms and the letters read it."""

from django.db import models


class RequesterKind(models.TextChoices):
    PERSON = "person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "welfare", "社会公益组织"
    LEGAL_SERVICE = "legal", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


ORGANISATION_KINDS = [kind for kind in RequesterKind if kind != RequesterKind.PERSON]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他有效身份证件"


class Format(models.TextChoices):
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    FAX = "fax", "传真"


class ReplyType(models.TextChoices):
    GRANTED = "granted", "予以公开"
    PARTIAL = "partial", "部分公开"
    REFUSED = "refused", "不予公开"
    UNAVAILABLE = "unavailable", "无法提供"
    NOT_HANDLED = "not_handled", "不予处理"
    OTHER = "other", "其他处理"


# The table's numbered sub-rows, per reply type (code → label).
SUBTYPES: dict[str, list[tuple[str, str]]] = {
    ReplyType.REFUSED: [
        ("state_secret", "属于国家秘密"),
        ("law_forbids", "其他法律行政法规禁止公开"),
        ("three_safety", "危及“三安全一稳定”"),
        ("third_party", "保护第三方合法权益"),
        ("internal", "属于三类内部事务信息"),
        ("process", "属于四类过程性信息"),
        ("enforcement_file", "属于行政执法案卷"),
        ("query_matter", "属于行政查询事项"),
    ],
    ReplyType.UNAVAILABLE: [
        ("not_held", "本机关不掌握相关政府信息"),
        ("needs_making", "没有现成信息需要另行制作"),
        ("still_unclear", "补正后申请内容仍不明确"),
    ],
    ReplyType.NOT_HANDLED: [
        ("petition", "信访举报投诉类申请"),
        ("repeated", "重复申请"),
        ("publication", "要求提供公开出版物"),
        ("mass_repeated", "无正当理由大量反复申请"),
        ("confirm", "要求行政机关确认或重新出具已获取信息"),
    ],
    ReplyType.OTHER: [
        ("no_clarification", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "其他"),
    ],
}
SUBTYPE_LABELS = {code: label for rows in SUBTYPES.values() for code, label in rows}
SUBTYPE_CHOICES = [(code, label) for rows in SUBTYPES.values() for code, label in rows]
NEEDS_SUBTYPE = frozenset(SUBTYPES)
