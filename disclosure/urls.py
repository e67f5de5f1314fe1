"""Public routes of 依申请公开 (included by the root URLconf by dotted path)."""

from django.urls import path

from disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("xxgk/ysqgk/", views.request_form, name="request"),
    path("xxgk/ysqgk/receipt/", views.receipt, name="receipt"),
    path("xxgk/ysqgk/query/", views.query, name="query"),
]
