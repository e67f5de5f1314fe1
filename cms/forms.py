"""Admin page forms: a clerk never has to invent a URL slug; attachments are the user's own."""

import re

from django import forms
from django.conf import settings
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

UNSEEN_FILE = (
    "不能选用该文件：它属于其他科室或尚未公开发布，您无权查看。请从本科室附件库选择，或上传新文件。"
)
UNSEEN_LINK = (
    "正文链接的文件（编号 {ids}）属于其他科室或尚未公开发布，您无权查看，不能链接。"
    "请删除该链接，或链接本科室附件库中的文件。"
)


class VisibleFilesFormMixin:
    """Attachment rows, decision evidence and text links may name only files the user may
    see (``attachment_access.may_attach``); another id is a Chinese error on that field,
    and the form is shown again with everything typed. A value the item already held
    (unchanged) is not questioned, so an item keeps the files a colleague attached."""

    def clean(self):
        cleaned = super().clean()
        user = getattr(self, "for_user", None)
        if user is not None:
            self._refuse_unseen_links(user, cleaned)
            for formset in getattr(self, "formsets", {}).values():
                formset.is_valid()  # child forms are cleaned after the parent otherwise
                for form in formset.forms:
                    row = getattr(form, "cleaned_data", {})
                    deleted = formset.can_delete and row.get(DELETION_FIELD_NAME)
                    if not deleted:
                        refuse_unseen_files(form, user)
        return cleaned

    def _refuse_unseen_links(self, user, cleaned) -> None:
        from cms.attachment_access import linked_files, may_attach

        for name in self.changed_data:
            if not isinstance(cleaned.get(name), str) or name not in self.fields:
                continue
            value = cleaned[name]
            before = linked_files(str(self.initial.get(name) or ""))
            added = linked_files(value) - before
            files = _document_model().objects.filter(pk__in=added)
            seen = {file.pk for file in files if may_attach(user, file)}
            refused = sorted(added - seen)
            if refused:
                self.add_error(name, UNSEEN_LINK.format(ids="、".join(map(str, refused))))
                # Shown again without those links (their text stays): the editor would
                # otherwise print the other department's file name and URL.
                editor = self.fields[name].widget
                _show_instead(self, name, editor.format_value(_unlink(value, refused)))


def _document_model():
    from django.apps import apps

    return apps.get_model(settings.WAGTAILDOCS_DOCUMENT_MODEL)


def refuse_unseen_files(form, user) -> None:
    """Refuse, on ``form`` itself, any file field naming a file ``user`` may not see."""
    from cms.attachment_access import may_attach

    model = _document_model()
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or queryset.model is not model or name not in form.changed_data:
            continue
        file = getattr(form, "cleaned_data", {}).get(name)
        if file is not None and not may_attach(user, file):
            form.add_error(name, UNSEEN_FILE)
            _show_instead(form, name, "")  # the chooser would print the file's title


def _show_instead(form, name: str, posted: str) -> None:
    """Re-render field ``name`` of a refused form as if ``posted`` had been posted."""
    form.data = form.data.copy()
    form.data[form.add_prefix(name)] = posted or ""


def _unlink(html: str, file_ids) -> str:
    """``html`` with the links to ``file_ids`` replaced by their text."""
    ids = "|".join(str(int(pk)) for pk in file_ids)
    pattern = rf'<a [^>]*linktype="document"[^>]*id="(?:{ids})"[^>]*>(.*?)</a>'
    return re.sub(pattern, r"\1", html, flags=re.S)


class AutoSlugPageForm(VisibleFilesFormMixin, WagtailAdminPageForm):
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
        siblings = self.parent_page.get_children()
        if self.instance.pk:
            siblings = siblings.not_page(self.instance)
        while siblings.filter(slug=candidate).exists():
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


class ContractForm(VisibleFilesFormMixin, WagtailAdminModelForm):
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
