"""Spreadsheet reading (python-calamine) and writing (openpyxl) shared by every import and export."""

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from jineng.core.engine.files import FileLimits, size_check, zip_verify
from jineng.core.exceptions import ImportRejected

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@")
_FORMULA_TAG = re.compile(rb"<f[ >/]")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*(?<!/)>(?:(?!</c>|<c ).)*?<f[ >/]', re.S)


def file_limits() -> FileLimits:
    """The limits every upload is read under (settings ``JINENG_MAX_*``)."""
    return FileLimits(max_bytes=settings.JINENG_MAX_UPLOAD_BYTES,
                      max_unzipped_bytes=settings.JINENG_MAX_UNZIPPED_BYTES, max_ratio=settings.JINENG_MAX_ZIP_RATIO)


def check_upload_size(size: int) -> None:
    size_check(size, file_limits())


def read_xlsx_rows(source: Path | bytes) -> list[list[str]]:
    """The first sheet as strings; a cell holding a formula is refused (its value can't be trusted).

    The zip directory is checked (and the members inflated in chunks, nothing kept) before calamine sees the file.
    """
    data = source.read_bytes() if isinstance(source, Path) else source
    if not data:
        raise ImportRejected(["文件是空的"])
    limits = file_limits()
    size_check(len(data), limits)
    zip_verify(data, limits)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        formulas = _formula_cells(data)
    except Exception as exc:  # calamine raises several error types for corrupt files
        raise ImportRejected([f"无法读取 Excel 文件：{exc}"]) from exc
    if formulas:
        row, column = formulas[0]
        raise ImportRejected([f"第 {row} 行第 {column} 列：单元格含公式，请粘贴为数值后再上传"])
    return [[_cell_text(value) for value in row] for row in rows]


def _formula_cells(data: bytes) -> list[tuple[int, int]]:
    """(row, column) of cells holding a formula in any worksheet, read from the sheet XML directly.

    Scanning the XML is ten times faster than loading the workbook with openpyxl for this one question.
    """
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            xml = archive.read(name)
            if not _FORMULA_TAG.search(xml):
                continue
            for match in _FORMULA_CELL.finditer(xml):
                found.append((int(match.group(2)), column_index_from_string(match.group(1).decode())))
    return sorted(found)


def _cell_text(value: Any) -> str:
    kind = type(value)
    if kind is str:  # the common cases first: this runs once per cell
        return value.strip()
    if kind is float and value.is_integer():
        return str(int(value))
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, Decimal):
        return float(value)
    return value


def workbook_add_table(
    workbook: Workbook, *, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    headers = [str(header) for header in headers]  # translated (lazy) headers become text here
    sheet = workbook.create_sheet(title=str(title)[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(60, len(str(header)) * 2 + 4))
    sheet.freeze_panes = "A2"


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(*, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    workbook = new_workbook()
    workbook_add_table(workbook, title=title, headers=headers, rows=rows)
    return file_response(workbook_bytes(workbook), filename=filename, content_type=XLSX_CONTENT_TYPE)


def file_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
