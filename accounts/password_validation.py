"""Password rules beside Django's (similarity, common, numeric): a minimum length, several
classes of character, and never the username inside the password. Messages in Chinese
(Django 5.2 reworded its length message and its Chinese catalogue lacks the new one)."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
    ("符号", lambda char: not char.isalnum()),
)


def classes_in(password: str) -> int:
    return sum(any(test(char) for char in password) for _, test in CLASSES)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"密码太短，至少需要{self.min_length}个字符。"

    def get_help_text(self):
        return f"密码至少需要{self.min_length}个字符。"


class CharacterClassValidator:
    """At least ``min_classes`` of: upper-case, lower-case, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min(max(1, min_classes), len(CLASSES))

    def validate(self, password, user=None):
        if classes_in(password) < self.min_classes:
            raise ValidationError(
                f"密码须至少包含大写字母、小写字母、数字、符号中的{self.min_classes}类。",
                code="password_too_few_classes",
            )

    def get_help_text(self):
        return f"密码须至少包含大写字母、小写字母、数字、符号中的{self.min_classes}类。"


class NotUsernameValidator:
    """The username, in any case, may not appear in the password."""

    def validate(self, password, user=None):
        username = (user.get_username() if user is not None else "") or ""
        if len(username) >= 3 and username.lower() in password.lower():
            raise ValidationError("密码不能包含用户名。", code="password_contains_username")

    def get_help_text(self):
        return "密码不能包含用户名。"
