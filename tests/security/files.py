"""Shared by the attachment tests: real files on disk and files in a department's library."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """Wagtail's serve view sends files from a filesystem path: a real media directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def file_in_collection(department, title, content, name):
    """A file in the department's library, so its drafters may edit it there."""
    file = factories.make_attachment(title, content, name=name)
    file.collection = department.collection
    file.save()
    return file
