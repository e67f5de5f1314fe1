"""The project's URLconf (ROOT_URLCONF): the composition root, like the settings.

It names the higher apps' URLconfs by dotted path only, so the ``cms`` package imports no
app above it (docs/architecture.md, Layers).
"""

from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import admin_reports

urlpatterns = [
    path("", include("portal.api.urls")),  # /api/: the portal's JSON API (portal/api)
    *admin_reports.urlpatterns,  # Wagtail's stock reports, narrowed; before admin/
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DJANGO_ADMIN_ENABLED:  # off in production (README, 登录安全); behind axes too
    urlpatterns.insert(1, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: attachments (documents/) go through /documents/<id>/ and its permission
    # check, opinion letters (opinions/) through the review views — never straight from disk.
    for folder in ("original_images", "images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder
        )

urlpatterns += [path("", include("portal.urls"))]  # public portal pages (portal/)
urlpatterns += [path("", include("disclosure.urls"))]  # 依申请公开 (disclosure/)
urlpatterns += [path("", include(wagtail_urls))]
