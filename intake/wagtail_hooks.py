"""存量导入 in the Wagtail admin: its own menu item for users who may import (review.import_legacy)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from intake import services, views


@hooks.register("register_admin_urls")
def register_intake_urls():
    return [
        path("intake/", views.batches_view, name="intake_batches"),
        path("intake/new/", views.upload_view, name="intake_upload"),
        path("intake/confirm/", views.confirm_view, name="intake_confirm"),
        path("intake/<id:batch_id>/", views.batch_view, name="intake_batch"),
        path("intake/<id:batch_id>/undo/", views.undo_view, name="intake_undo"),
    ]


class IntakeMenuItem(MenuItem):
    def is_shown(self, request):
        return services.may_import(request.user)


@hooks.register("register_admin_menu_item")
def intake_menu_item():
    return IntakeMenuItem("存量导入", reverse("intake_batches"), icon_name="upload", order=218)
