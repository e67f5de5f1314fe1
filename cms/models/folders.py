"""A department's folder page: the subtree its drafters hold page permissions on.

The document library and the relief section each give every department one folder; the
folder names the department, and Wagtail's page permissions on it keep other departments
out (``cms.services.department_provision``).
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.gates import CopyGuardMixin


def department_link(*, related_name: str) -> models.OneToOneField:
    """The folder's department (one folder per department and section)."""
    return models.OneToOneField(
        "cms.Department",
        verbose_name="科室（站室）",
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class DepartmentFolder(CopyGuardMixin, Page):
    """A department's subtree; a subclass adds ``department = department_link(...)``."""

    content_panels = [*Page.content_panels, FieldPanel("department")]

    class Meta:
        abstract = True
