"""Which Wagtail group plays which bureau role, by a fixed key rather than by the group's
name: an administrator may rename 法律顾问 to 法律顾问组 and nothing changes."""

from django.contrib.auth.models import Group
from django.db import models


class RoleGroup(models.Model):
    role = models.SlugField("角色", max_length=20, unique=True)
    group = models.OneToOneField(
        Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="bureau_role"
    )

    class Meta:
        verbose_name = "角色用户组"
        verbose_name_plural = "角色用户组"

    def __str__(self) -> str:
        return f"{self.role}：{self.group.name}"
