from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms import roles, services
from cms.models import Department
from cms.statute_import.services import StatuteImportError, statutes_import
from prereview.services import rules_ensure
from review.setup import workflows_ensure

STATUTE_LIBRARY = Path(__file__).resolve().parents[2] / "demo" / "statutes.csv"


class Command(BaseCommand):
    help = (
        "正式部署的初始化（不含演示数据）：门户首页与各栏目、角色用户组及其权限、审核工作流、"
        "预审规则；已有科室补齐用户组、文件夹和权限。首次部署和每次升级时在 migrate 之后运行，"
        "可重复运行，不会产生重复记录。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--statutes",
            nargs="?",
            const=str(STATUTE_LIBRARY),
            default=None,
            metavar="文件",
            help="同时导入法律法规库（不给文件时导入随系统提供的 bureau/demo/statutes.csv："
            "与民政工作和行政执法相关的国家法律法规约二百八十部）；可重复运行，已有条目按标题更新",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            workflows = workflows_ensure()  # the site tree and the role groups first
            departments = [services.department_provision(d) for d in Department.objects.all()]
            rules = rules_ensure()
            if options["statutes"]:
                self._statutes(Path(options["statutes"]))
        call_command("rebuild_search_index", stdout=self.stdout)
        call_command("update_index", verbosity=0)  # Wagtail's admin search boxes
        tree = services.site_tree_ensure()
        write = self.stdout.write
        write(self.style.SUCCESS(f"已初始化：{settings.BUREAU_NAME}"))
        sections = "、".join(page.title for page in (tree.documents, tree.decisions, tree.relief))
        write(f"  门户首页“{tree.home.title}”，栏目：{sections}")
        names = "、".join(roles.role_group(role).name for role in roles.ROLE_GROUPS)
        write(f"  角色用户组：{names}")
        write(f"  审核工作流：{'、'.join(w.name for w in workflows.values())}")
        write(f"  预审规则：{len(rules)} 条；科室：{len(departments)} 个")
        if not options["statutes"]:
            write("  法律法规库：未导入（可用 --statutes 导入随系统提供的法规库）")
        write("下一步：")
        write("  1. python manage.py createsuperuser 创建管理员账号（如尚未创建）；")
        write(
            f"  2. 登录 {settings.WAGTAILADMIN_BASE_URL}/admin/，在“基础数据 → 科室（站室）”中添加各科室（站室）；"
        )
        write(
            "  3. 在“设置 → 用户”中添加用户：起草人加入“起草人-<科室>”组，其他人员加入相应角色组。"
        )

    def _statutes(self, path: Path) -> None:
        try:
            plan, _record = statutes_import(file_name=path.name, data=path.read_bytes())
        except OSError as exc:
            raise CommandError(f"无法读取法规库文件 {path}：{exc.strerror or exc}") from exc
        except StatuteImportError as exc:
            raise CommandError("法规库文件有误，未导入：" + "；".join(exc.messages[:10])) from exc
        self.stdout.write(f"  法律法规库：{path.name} 共 {len(plan.rows)} 行；{plan.summary()}")
