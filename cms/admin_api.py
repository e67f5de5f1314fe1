"""Wagtail's admin API page actions (``/admin/api/main/pages/<id>/action/<name>/``) held
like the admin views.

Those actions call Wagtail's action classes directly: no ``before_publish_page`` or
``before_delete_page`` hook runs. The gate still holds underneath (``GatedPublishMixin``
refuses the save that would put an unreviewed revision live, and a copy kept live is
refused by ``CopyGuardMixin``), but the refusal surfaced as Wagtail's bare 403 after
part of the action had run: publishing first clears the other revisions' scheduled
times. Here each action runs in one transaction, so a refusal undoes everything it
started, and is answered as a 400 with the Chinese reason. A delete that would lose
public comments or review records is refused before anything is deleted.
"""

from django.db import transaction
from django.db.models import ProtectedError
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.utils import BadRequestError

from cms import deletion
from cms.gates import IssueRefused

PROTECTED = "该页面或其下级页面有审核记录或公众意见，须留档，不能删除。"


class GatedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def action_view(self, request, pk, action_name):
        if action_name == "delete":
            page = self.get_object()
            problem = deletion.deletion_problem([page])
            if problem:
                raise BadRequestError(problem)
        try:
            with transaction.atomic():
                return super().action_view(request, pk, action_name)
        except IssueRefused as refusal:
            raise BadRequestError("；".join(refusal.reasons)) from None
        except ProtectedError:
            raise BadRequestError(PROTECTED) from None


def construct_admin_api(router) -> None:
    router.register_endpoint("pages", GatedPagesAdminAPIViewSet)
