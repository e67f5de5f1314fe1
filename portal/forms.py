"""Forms of the public portal: the document list's filters and the comment form.

Every message is Chinese. A bad value never breaks the page: the list shows what the
valid filters select, with the message beside the field that was wrong.
"""

from django import forms

from cms.models import CommentResponse, Topic, ValidityStatus
from cms.models.consultations import COMMENT_MAX_LENGTH

DATE_FORMAT_MESSAGE = "日期格式应为“年-月-日”，如 2023-01-31。"
ORDERS = [("", "默认排序"), ("date", "按发布日期"), ("relevance", "按相关度")]


class SearchInput(forms.TextInput):
    input_type = "search"


def _choices(values, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((str(value), str(value)) for value in values)]


class DocumentFilterForm(forms.Form):
    """GET filters of the document list; unknown parameters are simply ignored."""

    q = forms.CharField(label="关键词", max_length=200, required=False, widget=SearchInput)
    status = forms.ChoiceField(label="有效性", required=False)
    year = forms.IntegerField(
        label="年份",
        required=False,
        min_value=1949,
        max_value=2100,
        widget=forms.Select,
        error_messages={
            "invalid": "年份应为四位数字，如 2023。",
            "min_value": "年份超出范围（1949—2100）。",
            "max_value": "年份超出范围（1949—2100）。",
        },
    )
    topic = forms.ChoiceField(label="主题分类", required=False)
    issuer = forms.ChoiceField(label="发文机关", required=False)
    doc_number = forms.CharField(label="发文字号", max_length=50, required=False)
    published_after = forms.DateField(
        label="发布日期（起）",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_FORMAT_MESSAGE},
    )
    published_before = forms.DateField(
        label="发布日期（止）",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_FORMAT_MESSAGE},
    )
    order = forms.ChoiceField(label="排序", choices=ORDERS, required=False)

    def __init__(self, data, *, years: list[int], issuers: list[str]):
        super().__init__(data)
        self.fields["status"].choices = _choices(ValidityStatus.values, "全部")
        self.fields["year"].widget.choices = _choices(years, "全部年份")
        self.fields["topic"].choices = _choices(Topic.values, "全部分类")
        self.fields["issuer"].choices = _choices(issuers, "全部机关")
        self.fields["q"].widget.attrs.update(placeholder="如：低保 救助")
        self.fields["doc_number"].widget.attrs.update(placeholder="如：红民发〔2023〕12号")
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = f"“{field.label}”的取值无效，已忽略。"
            field.error_messages["max_length"] = f"“{field.label}”最多%(limit_value)d个字。"
            field.widget.attrs.setdefault("id", f"filter-{name}")

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            self.add_error("published_before", "发布日期（止）不能早于发布日期（起）。")
            cleaned.pop("published_before", None)
        return cleaned

    def valid_filters(self) -> dict:
        """The cleaned values of the fields that were valid; bad ones are dropped."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class CommentForm(forms.Form):
    """A comment on a draft under consultation; ``website`` is a honeypot for robots."""

    name = forms.CharField(label="姓名（可不填）", max_length=50, required=False)
    contact = forms.CharField(
        label="联系方式（可不填，仅供起草科室联系您）", max_length=100, required=False
    )
    text = forms.CharField(
        label="意见内容",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "请填写意见内容。",
            "max_length": f"意见内容不能超过{COMMENT_MAX_LENGTH}字（当前%(show_value)d字）。",
        },
    )
    website = forms.CharField(label="网址（请勿填写）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["max_length"] = "姓名不能超过50个字。"
        self.fields["contact"].error_messages["max_length"] = "联系方式不能超过100个字。"
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["text"].widget.attrs.update(
            maxlength=str(COMMENT_MAX_LENGTH), **{"aria-describedby": "text-help"}
        )

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class CommentResponseForm(forms.Form):
    """The drafter's answer to one comment."""

    response = forms.ChoiceField(
        label="采纳情况",
        choices=CommentResponse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择采纳情况。"},
    )
    reason = forms.CharField(
        label="理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请写明理由。"},
    )
