"""Departments (科室/站室/中心) of the bureau and the users belonging to them.

Membership is Wagtail's own: each department owns a drafters' group (起草人-<科室>) that
holds page permissions on the department's subtree of the document library and on its
attachment collection. A user belongs to a department by being in that group.
"""

from django.contrib.auth.models import Group
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class DepartmentKind(models.TextChoices):
    SECTION = "科室", "科室"
    STATION = "站室", "站室"
    CENTRE = "中心", "中心"


class DepartmentQuerySet(models.QuerySet):
    def for_user(self, user) -> "DepartmentQuerySet":
        """The departments ``user`` belongs to (via the department's drafters' group)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(group__in=user.groups.all())


class Department(index.Indexed, models.Model):
    """A 科室/站室/中心 of the bureau; drafts and contracts belong to one."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True)
    kind = models.CharField(
        "类型", max_length=4, choices=DepartmentKind.choices, default=DepartmentKind.STATION
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    group = models.OneToOneField(
        Group,
        verbose_name="起草人用户组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="department",
        help_text="该组成员即本科室（站室）的起草人，只能查看和编辑本科室的草稿。",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="附件库",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DepartmentQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "科室（站室）"
        verbose_name_plural = "科室（站室）"
        ordering = ["sort_order", "name"]
        permissions = [("view_all_departments", "可查看全部科室的事项（草稿、合同、附件、检索）")]

    def __str__(self) -> str:
        return self.name

    @property
    def members(self):
        from django.contrib.auth import get_user_model

        if not self.group_id:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(groups=self.group_id)
