from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import views


@hooks.register("register_admin_urls")
def search_urls():
    return [path("fulltext/", views.admin_search, name="fulltext_search")]


@hooks.register("register_admin_menu_item")
def search_menu_item():
    return MenuItem("全文检索", reverse("fulltext_search"), icon_name="search", order=150)
