"""Manifests and files for the 存量导入 tests, made for real (openpyxl, ReportLab, python-docx)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

from tests import factories

HEADERS = [
    "标题",
    "发文机关",
    "发文字号",
    "登记编号",
    "成文日期",
    "发布日期",
    "施行日期",
    "有效期至",
    "有效性",
    "主题分类",
    "起草科室",
    "纸质依据（原审核意见书编号或印发文号）",
    "附件",
]
TOPICS = ["社会救助", "养老服务", "婚姻登记", "社会事务"]
REPEALED = "《中华人民共和国合同法》"


def row(n: int, department: str, **overrides) -> dict:
    """Document ``n``: its manifest cells; every 10th cites a repealed law."""
    values = {
        "标题": f"关于做好第{n}项民政工作的通知",
        "发文机关": "",
        "发文字号": f"红民发〔2020〕{n}号",
        "登记编号": "",
        "成文日期": "2020.3.1",
        "发布日期": "2020年3月2日",
        "施行日期": "2020-03-02",
        "有效期至": "",
        "有效性": "现行有效",
        "主题分类": TOPICS[n % len(TOPICS)],
        "起草科室": department,
        "纸质依据（原审核意见书编号或印发文号）": f"红民法审〔2020〕{n}号",
        "附件": f"doc{n}.{('pdf', 'docx', 'txt')[n % 3]}",
    }
    values.update(overrides)
    return values


def file_text(n: int) -> str:
    cite = f"依据{REPEALED}制定本办法。" if n % 10 == 0 else "依据有关规定制定本办法。"
    return f"第{n}号文件正文。{cite}社会救助对象应当如实申报家庭收入。"


def file_bytes(name: str, text: str) -> bytes:
    if name.endswith(".pdf"):
        return factories.chinese_pdf_bytes(text)
    if name.endswith(".docx"):
        return factories.docx_bytes(text)
    return text.encode("utf-8")


def xlsx(rows: list[dict], headers: list[str] = HEADERS, title: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header, "") for header in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[dict], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for values in rows:
        writer.writerow([values.get(header, "") for header in HEADERS])
    return buffer.getvalue().encode(encoding)


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def collection(count: int, department: str) -> tuple[list[dict], dict[str, bytes]]:
    rows = [row(n, department) for n in range(1, count + 1)]
    files = {
        values["附件"]: file_bytes(values["附件"], file_text(n)) for n, values in enumerate(rows, 1)
    }
    return rows, files
