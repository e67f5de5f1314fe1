"""Idle sessions end after SESSION_IDLE_MINUTES; sessions end with the browser."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests import factories


def log_in(attempt, client):
    response = attempt("office", factories.PASSWORD)
    assert response.status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


def test_the_defaults_are_thirty_minutes_and_browser_close():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_the_session_cookie_dies_with_the_browser_even_when_remember_is_posted(office, client):
    data = {"username": "office", "password": factories.PASSWORD, "remember": "on"}
    response = client.post("/admin/login/", data)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    login_page = Client().get("/admin/login/").content.decode()
    assert 'name="remember"' not in login_page and "30分钟无操作" in login_page
    assert "Password" not in login_page  # the password field's label is Chinese too


def test_an_idle_session_is_sent_to_the_login_page(office, attempt, client):
    session = log_in(attempt, client)
    assert client.get("/admin/").status_code == 200
    session.expire_date = timezone.now() - timedelta(seconds=1)  # idle past the limit
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_each_request_moves_the_expiry_forward(office, attempt, client):
    session = log_in(attempt, client)
    soon = timezone.now() + timedelta(minutes=2)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)
    assert client.get("/admin/").status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)


def test_the_editors_background_ping_is_not_activity(office, attempt, client):
    session = log_in(attempt, client)
    page = factories.make_document(factories.DepartmentFactory(code="ping", name="某站"))
    soon = timezone.now() + timedelta(minutes=2)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)
    ping = f"/admin/editing-sessions/ping/wagtailcore/page/{page.pk}/0/"
    response = client.post(ping)
    assert response.status_code < 500
    assert Session.objects.get(pk=session.pk).expire_date == soon


def test_the_idle_minutes_are_a_setting(settings, office, attempt, client):
    settings.SESSION_COOKIE_AGE = 5 * 60  # SESSION_IDLE_MINUTES=5
    session = log_in(attempt, client)
    client.get("/admin/")
    expiry = Session.objects.get(pk=session.pk).expire_date
    assert timezone.now() + timedelta(minutes=4) < expiry < timezone.now() + timedelta(minutes=6)
