"""Passwords: ≥ 10 characters, 3 of 4 classes, not the username, not common, not digits."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from bureau.demo import data
from bureau.demo.loader import DEMO_PASSWORD
from tests import factories


def refusal(password: str, username: str = "jiuzhu_drafter") -> str:
    user = get_user_model()(username=username, email=f"{username}@example.gov.cn")
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("Ab1-xyz", "密码太短，至少需要10个字符"),
        ("alllowercaseletters", "至少包含大写字母、小写字母、数字、符号中的3类"),
        ("lowercase123456", "3类"),
        ("1234567890123", "密码只包含数字"),
        ("Password123!", ""),  # stands for "accepted unless common": checked below
        ("Jiuzhu_Drafter-2026", "密码不能包含用户名"),
    ],
)
def test_the_policy_refuses_in_chinese(password, words):
    message = refusal(password)
    if words:
        assert words in message, message
    else:
        assert "3类" not in message and "10个字符" not in message


def test_a_common_password_is_refused():
    assert "太常见" in refusal("Password123")


def test_a_good_password_passes():
    assert refusal("Hsb-Minzheng-2026") == ""


def test_the_demo_password_meets_the_policy_for_every_demo_user():
    for user in data.USERS:
        assert refusal(DEMO_PASSWORD, user["username"]) == "", user["username"]


def test_the_admin_refuses_a_weak_new_password_keeping_the_form(groups, db):
    admin = Client()
    admin.force_login(factories.user_with_role("admin", username="bureau_admin"))
    form = {
        "username": "new_clerk",
        "email": "clerk@example.gov.cn",
        "first_name": "新",
        "last_name": "职员",
        "password1": "short1",
        "password2": "short1",
    }
    response = admin.post("/admin/users/new/", form)
    page = response.content.decode()
    assert response.status_code == 200 and "密码太短，至少需要10个字符" in page
    assert 'value="new_clerk"' in page
    assert not get_user_model().objects.filter(username="new_clerk").exists()
