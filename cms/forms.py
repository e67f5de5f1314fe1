"""Admin page forms: a clerk never has to invent a URL slug."""

from django import forms
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Page


class AutoSlugPageForm(WagtailAdminPageForm):
    """Leaves the slug optional and derives a unique one from the title when blank."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        if slug or self.parent_page is None:
            return slug
        base = self.slug_base()[:60] or "page"
        candidate, n = base, 1
        while not Page._slug_is_available(candidate, self.parent_page, self.instance):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def slug_base(self) -> str:
        return slugify(self.data.get("title", ""), allow_unicode=True)


class FolderDepartmentPageForm(AutoSlugPageForm):
    """A page created in a department's folder shows that department in its read-only
    起草科室 / 发布科室 field from the start — not "None" until the first save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.department_id is None and self.parent_page is not None:
            page.department_id = getattr(self.parent_page.specific, "department_id", None)


class ContractForm(WagtailAdminModelForm):
    """A drafter files contracts for their own department(s) only (合同按科室隔离).

    Without ``cms.view_all_contracts`` the 承办科室 field offers only the user's departments
    (a plain select instead of the snippet chooser, which lists every department); the
    model's Chinese messages for 合同金额 and 合同名称 reach the form field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.permissions import contract_policy

        department = self.fields.get("department")
        user = self.for_user
        if department is not None and user and not contract_policy.sees_all_departments(user):
            department.widget = forms.Select()
            department.queryset = department.queryset.for_user(user)
            own = list(department.queryset[:2])
            if len(own) == 1 and not self.instance.pk:
                department.initial = own[0].pk
        if "amount" in self.fields:
            declared = self._meta.model._meta.get_field("amount").error_messages
            for code in ("invalid", "max_decimal_places"):
                self.fields["amount"].error_messages[code] = declared[code]
        if "title" in self.fields:
            self.fields["title"].error_messages["max_length"] = (
                "合同名称不能超过%(limit_value)d个字符（当前%(show_value)d个）。"
            )
