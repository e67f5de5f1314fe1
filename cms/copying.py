"""Copying pages without walking around the issue gate (cms.gates).

Wagtail's CopyPageAction makes a copy live by itself ("publish copies" / ``keep_live``)
without calling ``publish()``, so the gate never hears of it; an alias is live from the
start and mirrors the original. The choice made here:

* A copy of a gated page (行政规范性文件) is always a DRAFT, with nothing the office gives at
  issue (文号, 登记编号, 索引号, dates of issue, 有效性) and not open for public comment
  (``exclude_fields_in_copy`` on the model), so it can be saved next to the original
  (no unique-文号 500) and must go through its own review: opinions and records are
  bound to the original's id and never vouch for the copy.
* Asking for "publish copies" or an alias when the copy would include a gated page is
  refused in Chinese on the copy form (what was typed stays); the same from code
  (``Page.copy(keep_live=True)``) raises IssueRefused.
* 重大行政决策事项目录 (one per year), 救助资金发放公示 (one per department, month and
  type) and the department folders (one per department) cannot be copied at all — a copy
  could never be saved next to its original. Copying such a page, or a page holding one
  with its subpages, is refused in Chinese (before the form for the page itself, on the
  form for its subpages), so a copied subtree never brings live children along.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Page

from cms.gates import GatedPublishMixin

UNCOPYABLE = {
    "cms.departmentfolderpage": "每个科室只有一个文件夹，科室文件夹不能复制；"
    "请逐件复制其中的文件（副本为草稿）。",
    "cms.relieffolderpage": "每个科室只有一个救助公示文件夹，不能复制。",
    "cms.majordecisionlistpage": "每个年度只有一份重大行政决策事项目录，目录不能复制；"
    "请在原目录中增加、变更或调出事项。",
    "cms.reliefdisclosurepage": "同一科室同一月份的同一类救助只有一份公示，公示不能复制；"
    "请新建当月公示或从Excel导入。",
    "cms.decisiondraftpage": "每个决策事项只有一份决策方案，方案不能复制；请在原方案上修改。",
}
NOT_LIVE = (
    "须经法制审核的事项（行政规范性文件）复制后只能是草稿，不能直接发布或创建别名："
    "副本须重新经合法性审查等程序后发布。请取消勾选后再复制。"
)


def _models_in(page, recursive: bool, live_only: bool = False) -> list[type]:
    pages = page.get_descendants(inclusive=True) if recursive else Page.objects.filter(pk=page.pk)
    if live_only:
        pages = pages.filter(live=True)
    type_ids = set(pages.values_list("content_type_id", flat=True))
    return [ContentType.objects.get_for_id(pk).model_class() for pk in type_ids]


def uncopyable_reason(page, recursive: bool = False) -> str:
    for model in _models_in(page, recursive):
        reason = UNCOPYABLE.get(model._meta.label_lower) if model else None
        if reason:
            return reason
    return ""


def includes_gated(page, recursive: bool, live_only: bool = False) -> bool:
    return any(
        model and issubclass(model, GatedPublishMixin)
        for model in _models_in(page, recursive, live_only)
    )


def copy_problems(page, *, recursive: bool, keep_live: bool) -> list[str]:
    """Chinese reasons this copy may not be made from code (empty: it may). Only a live
    gated page would be copied live: a draft's copy is a draft whatever ``keep_live`` says."""
    problems = []
    reason = uncopyable_reason(page, recursive)
    if reason:
        problems.append(reason)
    if keep_live and includes_gated(page, recursive, live_only=True):
        problems.append(NOT_LIVE)
    return problems


class GatedCopyForm(CopyForm):
    """Wagtail's copy form, refusing copies that would be live or could not be saved."""

    def clean(self):
        cleaned = super().clean()
        recursive = bool(cleaned.get("copy_subpages"))
        reason = uncopyable_reason(self.page, recursive)
        if reason:
            field = "copy_subpages" if "copy_subpages" in self.fields else "new_title"
            self.add_error(field, reason)
        if (cleaned.get("publish_copies") or cleaned.get("alias")) and includes_gated(
            self.page, recursive
        ):
            field = "publish_copies" if cleaned.get("publish_copies") else "alias"
            self.add_error(field, NOT_LIVE)
        return cleaned
