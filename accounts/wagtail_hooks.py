"""Admin wiring: two pages under 设置 (login records, lockouts) and their permissions."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import views


@hooks.register("register_admin_urls")
def accounts_urls():
    return [
        path("login-records/", views.login_records_view, name="accounts_login_records"),
        path("login-lockouts/", views.lockouts_view, name="accounts_lockouts"),
    ]


class LoginRecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_view(request.user)


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_view(request.user) or views.may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def login_records_menu_item():
    return LoginRecordsMenuItem(
        "登录记录", reverse("accounts_login_records"), icon_name="history", order=610
    )


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsMenuItem("账号锁定", reverse("accounts_lockouts"), icon_name="lock", order=611)


@hooks.register("register_permissions")
def login_security_permissions():
    return Permission.objects.filter(
        content_type__app_label="accounts", codename__in=["view_login_records", "unlock_login"]
    )
