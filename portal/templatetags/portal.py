"""Template helpers of the public portal (portal): masking, amounts and navigation."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from cms import money
from cms.models import DecisionListIndexPage, DocumentIndexPage, ReliefIndexPage
from cms.privacy import mask_personal_numbers
from cms.selectors import public_documents

register = template.Library()


@register.filter(is_safe=True)
def masked(value) -> SafeString:
    """The last check on public output: personal numbers masked in already-rendered HTML.

    Read as HTML (numbers cut by inline tags or written as character references are
    found too) and as plain text (attributes). A number's span becomes its masked digits
    and the tags it held, so escaped HTML stays safe and well formed.
    """
    return mark_safe(mask_personal_numbers(str(value), html=True))


@register.filter
def yuan(value) -> str:
    """An amount in 元 grouped by thousands (cms.money)."""
    return money.yuan(value)


@register.simple_tag
def portal_sections() -> list[tuple[str, str]]:
    """(label, url) of the portal's sections for the site navigation."""
    sections = [("首页", "/")]
    for model, label in (
        (DocumentIndexPage, "规范性文件"),
        (DecisionListIndexPage, "重大决策目录"),
        (ReliefIndexPage, "救助公示"),
    ):
        page = model.objects.live().public().first()
        if page is not None:
            sections.append((label, page.url))
    sections += [
        ("征求意见", reverse("portal:consultations")),
        ("权力清单", reverse("portal:power_list")),
        ("清理结果", reverse("portal:cleanup_results")),
    ]
    return sections


@register.simple_tag
def bureau_name() -> str:
    return settings.BUREAU_NAME


@register.filter
def is_current(section_url: str, path: str) -> bool:
    """Whether ``path`` lies in the section at ``section_url`` (the home only on itself)."""
    return path == section_url if section_url == "/" else path.startswith(section_url)


@register.filter
def public_children(folder):
    """The documents of a department's folder that anyone may read (live, 主动公开)."""
    return public_documents().child_of(folder).order_by("path")
