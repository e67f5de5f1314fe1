"""Department isolation for contracts (合同): a drafter sees only their department's.

Pages get isolation from Wagtail's group page permissions on each department's folder;
snippets have no tree, so this policy filters by ``Contract.department`` instead. Users
holding ``cms.view_all_contracts`` (adviser, office, leadership) see every department.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import Contract, Department

VIEW_ALL_CONTRACTS = "cms.view_all_contracts"


class ContractPermissionPolicy(ModelPermissionPolicy):
    def sees_all_departments(self, user) -> bool:
        return user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL_CONTRACTS))

    def user_can_access(self, user, contract: Contract) -> bool:
        if self.sees_all_departments(user):
            return True
        return Department.objects.for_user(user).filter(pk=contract.department_id).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.user_can_access(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.user_can_access(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Contract.objects.none()
        return self.visible_contracts(user)

    def visible_contracts(self, user):
        if self.sees_all_departments(user):
            return Contract.objects.all()
        return Contract.objects.for_departments(Department.objects.for_user(user))


contract_policy = ContractPermissionPolicy(Contract)
