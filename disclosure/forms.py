"""Forms of 依申请公开: the public application, the status query, and the office's steps.
Every message is Chinese; a refused form is shown again with what was typed."""

import re

from django import forms

from cms.privacy import is_resident_id
from disclosure.models import DESCRIPTION_MAX, DisclosureRequest
from disclosure.vocab import SUBTYPE_CHOICES, IdType, ReplyType, RequesterKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_ok(code: str) -> bool:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a MOD 31 check character."""
    code = code.strip().upper()
    if not re.fullmatch(f"[{_CREDIT_CHARS}]{{18}}", code):
        return False
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31] == code[17]


REQUEST_FIELDS = [
    "requester_kind",
    "name",
    "id_type",
    "id_number",
    "org_name",
    "credit_code",
    "contact_person",
    "phone",
    "email",
    "address",
    "description",
    "format",
    "delivery",
]


class RequestForm(forms.ModelForm):
    """The application form (政府信息公开申请表); ``website`` is a honeypot for robots."""

    website = forms.CharField(label="网址（请勿填写）", required=False)
    description = forms.CharField(
        label=DisclosureRequest._meta.get_field("description").verbose_name,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = DisclosureRequest
        fields = REQUEST_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].error_messages.update(
            required="请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。",
            max_length=f"描述不能超过{DESCRIPTION_MAX}字（当前%(show_value)d字）。",
        )
        self.fields["format"].error_messages["required"] = "请选择获取信息的载体形式。"
        self.fields["delivery"].error_messages["required"] = "请选择获取信息的方式。"
        self.fields["email"].error_messages["invalid"] = "电子邮箱格式不正确。"
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        for name, field in self.fields.items():
            field.error_messages.setdefault("invalid_choice", f"“{field.label}”的取值无效。")
            field.error_messages["max_length"] = field.error_messages.get(
                "max_length", f"“{field.label}”过长。"
            )
            field.widget.attrs.setdefault("id", f"request-{name}")

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def clean(self):
        data = super().clean()
        if data.get("requester_kind") == RequesterKind.PERSON:
            self._require(data, "name", "请填写申请人姓名。")
            self._require(data, "id_type", "请选择证件类型。")
            self._require(data, "id_number", "请填写证件号码。")
        elif data.get("requester_kind"):
            self._require(data, "org_name", "请填写法人或其他组织的名称。")
            self._require(data, "contact_person", "请填写联系人姓名。")
            code = data.get("credit_code", "")
            if not credit_code_ok(code):
                self.add_error("credit_code", "统一社会信用代码应为18位，且校验码正确。")
        number = (data.get("id_number") or "").strip().upper()
        if number and data.get("id_type") == IdType.RESIDENT_ID and not is_resident_id(number):
            self.add_error(
                "id_number", "居民身份证号码有误（应为18位，且最后一位校验码正确），请核对。"
            )
        data["id_number"] = number
        if not any((data.get(name) or "").strip() for name in ("phone", "email", "address")):
            self.add_error("phone", "请至少填写一种联系方式（联系电话、电子邮箱或通信地址）。")
        return data

    def _require(self, data, name: str, message: str) -> None:
        if not (data.get(name) or "").strip() and name not in self.errors:
            self.add_error(name, message)

    def request_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in REQUEST_FIELDS}


class StaffRequestForm(RequestForm):
    received_on = forms.DateField(
        label="收到申请日期",
        widget=DATE_INPUT,
        error_messages={"required": "请填写收到申请的日期。"},
    )


class QueryForm(forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=30)
    secret = forms.CharField(label="查询码", max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracking_number"].error_messages["required"] = "请填写申请编号。"
        self.fields["secret"].error_messages["required"] = "请填写查询码。"


class ClarificationAnswerForm(QueryForm):
    answer = forms.CharField(
        label="补正内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={
            "required": "请填写补正内容。",
            "max_length": "补正内容不能超过4000字（当前%(show_value)d字）。",
        },
    )


def _day(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE_INPUT,
        error_messages={"required": f"请填写{label}。", "invalid": "日期格式应为“年-月-日”。"},
    )


class AskClarificationForm(forms.Form):
    day = _day("补正告知日期")
    letter = forms.CharField(
        label="需要补正的事项", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class RecordAnswerForm(forms.Form):
    day = _day("收到补正日期")
    answer = forms.CharField(
        label="补正内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ExtensionForm(forms.Form):
    day = _day("批准日期")
    reason = forms.CharField(
        label="延期理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(forms.Form):
    day = _day("答复日期")
    reply_type = forms.ChoiceField(label="答复类型", choices=ReplyType.choices)
    subtype = forms.ChoiceField(
        label="具体情形", choices=[("", "（不适用）"), *SUBTYPE_CHOICES], required=False
    )
    reason = forms.CharField(
        label="理由和依据（不予公开、部分公开必填）",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    text = forms.CharField(
        label="答复内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
