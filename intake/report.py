"""The Chinese dry-run / import report, as lines (the command) or rows (the admin screen)."""

from __future__ import annotations

from intake.models import ImportBatch
from intake.plan import ERROR, NEW, SKIP, Plan


def summary(plan: Plan) -> str:
    return (
        f"共{len(plan.rows)}行：可导入{plan.count(NEW)}行，"
        f"已存在跳过{plan.count(SKIP)}行，错误{plan.count(ERROR)}行。"
    )


def report_lines(plan: Plan, *, dry_run: bool, batch: ImportBatch | None) -> list[str]:
    lines = []
    for row in plan.rows:
        title = f"《{row.title}》" if row.title else ""
        lines.append(f"第{row.line}行 {title}{row.doc_number}：{row.status}")
        lines += [f"    {message}" for message in row.messages]
    lines.append(summary(plan))
    if dry_run:
        lines.append("（试运行，未写入任何内容）")
    elif plan.errors:
        lines.append("清单有错误，未导入任何文件：请按上面的提示修改后重新导入。")
    elif batch is not None:
        lines.append(f"已导入第{batch.pk}批：{plan.count(NEW)}个文件已作为存量文件发布。")
    else:
        lines.append("没有需要导入的新文件。")
    return lines
