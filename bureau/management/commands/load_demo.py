from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from bureau.demo.disclosure import load_disclosure_demo
from bureau.demo.loader import DEMO_PASSWORD
from bureau.demo.prereview import load_demo_draft
from bureau.demo.reports import load_report_demo
from bureau.demo.review import load_demo


class Command(BaseCommand):
    help = "载入演示数据（吴忠市红寺堡区民政局，含审核流程各环节的记录）；可重复运行，不会产生重复记录。"

    def handle(self, *args, **options):
        logins = load_demo()
        load_report_demo()  # 2023 cleanup campaigns and hand-entered figures (reports app)
        load_demo_draft()  # a draft with findings of each severity (prereview app)
        load_disclosure_demo()  # 2023 依申请公开 requests for the disclosure report
        call_command("rebuild_search_index", stdout=self.stdout)
        # Wagtail's own admin search index: rows created by data migrations are not in it yet.
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪：吴忠市红寺堡区民政局"))
        self.stdout.write(f"后台地址：{settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for login in logins:
            self.stdout.write(
                f"  {login.username:<16} {login.full_name:<6} {login.role:<6} {login.department}"
            )
