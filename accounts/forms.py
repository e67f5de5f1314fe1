"""Wagtail's login form, with the lockout said in Chinese and no "remember me".

"Remember me" would turn the session cookie into one that outlives the browser; the
session must end when the browser closes (docs/security.md), so the field is gone and a
crafted ``remember=on`` is ignored.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from accounts.lockout import lockout_message


class LoginForm(WagtailLoginForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields.pop("remember", None)
        self.fields["password"].label = "密码"  # Wagtail's field has no (translated) label

    def clean(self):
        try:
            return super().clean()
        except ValidationError as refusal:
            state = getattr(self.request, "login_lock_state", None)
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(state), code="locked_out") from None
            if state is not None and refusal.code == "invalid_login":
                raise ValidationError(
                    f"{refusal.messages[0]}再失败{state.attempts_left}次将被锁定。",
                    code="invalid_login",
                ) from None
            raise
