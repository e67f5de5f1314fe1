"""What restore checks in the installation: that it is empty before, and after, that the
legal opinions still verify against the revisions they judged.

"Empty" means a new database, or what ``python manage.py migrate`` leaves and nothing more: no user account,
no page besides Wagtail's root and welcome pages (plain ``wagtailcore.Page`` rows), no
attachment, image or legal opinion, and no file under the media folder.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection


def emptiness_problems(*, media: Path) -> list[str]:
    """What makes the installation non-empty, in Chinese; [] when it is empty."""
    problems = []
    # a new database, not even migrated, is empty too
    counted = _content_counts() if connection.introspection.table_names() else ()
    for label, queryset in counted:
        count = queryset.count()
        if count:
            problems.append(f"已有{count}{label}")
    files = sum(1 for path in media.rglob("*") if path.is_file()) if media.is_dir() else 0
    if files:
        problems.append(f"上传文件目录中已有{files}个文件")
    return problems


def _content_counts() -> tuple:
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return (
        ("个用户", get_user_model().objects.all()),
        ("个页面", Page.objects.exclude(content_type=ContentType.objects.get_for_model(Page))),
        ("个附件", apps.get_model(settings.WAGTAILDOCS_DOCUMENT_MODEL).objects.all()),
        ("张图片", get_image_model().objects.all()),
        ("份审核意见书", apps.get_model("review", "LegalOpinion").objects.all()),
    )


def opinion_problems() -> tuple[int, list[str]]:
    """(number of opinions, what fails): each opinion's digest against its revision, each
    bound attachment's recorded SHA-256 against its bytes, each filed letter and archive PDF
    present (one not rendered yet is the worker's, not a problem)."""
    from review.gate import opinion_verifies
    from review.models import LegalOpinion

    problems = []
    opinions = list(LegalOpinion.objects.select_related("revision").order_by("pk"))
    for opinion in opinions:
        if not opinion_verifies(opinion):
            problems.append(f"审核意见书{opinion.number}与所审核版本的内容摘要不一致。")
        if opinion.letter and not opinion.letter.storage.exists(opinion.letter.name):
            problems.append(f"审核意见书{opinion.number}的 PDF 文件缺失。")
        if opinion.archive and not opinion.archive.storage.exists(opinion.archive.name):
            problems.append(f"审核意见书{opinion.number}的归档 PDF 文件缺失。")
    problems += _attachment_problems()
    return len(opinions), problems


def _attachment_problems() -> list[str]:
    from cms.models.attachments import sha256_of

    problems = []
    model = apps.get_model(settings.WAGTAILDOCS_DOCUMENT_MODEL)
    for attachment in model.objects.exclude(sha256="").order_by("pk"):
        if not attachment.file.storage.exists(attachment.file.name):
            problems.append(f"附件“{attachment.title}”的文件缺失。")
        elif sha256_of(attachment.file) != attachment.sha256:
            problems.append(f"附件“{attachment.title}”的内容与登记的 SHA-256 不一致。")
        attachment.file.close()
    return problems
