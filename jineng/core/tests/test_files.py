import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from openpyxl import Workbook

from jineng.core.engine.files import MB, FileLimits, text_decode, zip_check, zip_verify
from jineng.core.exceptions import ImportRejected
from jineng.core.imports import table_header, table_read
from jineng.core.spreadsheets import read_xlsx_rows
from jineng.core.tests.zipbomb import docx_bomb, xlsx_bomb
from jineng.core.uploads import OversizeUpload, UploadLimitHandler


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_refuses_a_bomb_by_its_compression_ratio_before_inflating_it():
    bomb = xlsx_bomb(4 * MB)

    with pytest.raises(ImportRejected, match="压缩比.*疑似压缩炸弹"):
        zip_check(bomb, FileLimits())


def test_refuses_an_archive_that_declares_more_than_the_unzipped_limit():
    with pytest.raises(ImportRejected, match="解压后为 4 MB，上限为 2 MB"):
        zip_check(xlsx_bomb(4 * MB), FileLimits(max_unzipped_bytes=2 * MB, max_ratio=10_000))


def test_refuses_an_archive_with_too_many_members():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(30):
            archive.writestr(f"part{index}.xml", "<a/>")

    with pytest.raises(ImportRejected, match="包含 30 个部件，上限为 20 个"):
        zip_check(buffer.getvalue(), FileLimits(max_members=20))


def test_refuses_a_member_that_inflates_past_what_its_directory_declares():
    honest = xlsx_bomb(3 * MB)
    # Declare 1,000 bytes for the sheet in both headers: a reader trusting the directory would be fooled.
    with zipfile.ZipFile(io.BytesIO(honest)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    lying = bytearray(honest)
    _patch_sizes(lying, info, declared=1000)

    with pytest.raises(ImportRejected, match="无法读取Excel文件"):
        zip_verify(bytes(lying), FileLimits(max_ratio=10_000))


def _patch_sizes(data: bytearray, info: zipfile.ZipInfo, *, declared: int) -> None:
    # zip64 extra fields hold the real sizes when force_zip64 was used: rewrite every 8-byte copy of the size.
    size = info.file_size
    for width in (4, 8):
        old, new = size.to_bytes(width, "little"), declared.to_bytes(width, "little")
        start = 0
        while (found := data.find(old, start)) != -1:
            data[found:found + width] = new
            start = found + width


def test_a_normal_workbook_passes_and_reads():
    content = _xlsx([["职业编码", "需求人数"], ["6-18-01-01", 3]])

    zip_verify(content, FileLimits())

    assert read_xlsx_rows(content) == [["职业编码", "需求人数"], ["6-18-01-01", "3"]]


def test_read_xlsx_rows_refuses_a_bomb_with_settings_limits(settings):
    settings.JINENG_MAX_UNZIPPED_BYTES = 1 * MB

    with pytest.raises(ImportRejected, match="Excel文件被拒绝"):
        read_xlsx_rows(xlsx_bomb(2 * MB))


def test_docx_bombs_are_refused_too():
    with pytest.raises(ImportRejected, match="Word文件被拒绝"):
        zip_check(docx_bomb(4 * MB), FileLimits(), kind="Word")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_reads_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    content = "职业编码,工种\r\n6-18-01-01,数控车工\r\n".encode(encoding)

    table = table_read(content=content, file_name="需求.csv")

    assert table_header(table) == ["职业编码", "工种"]
    assert list(table.rows) == [["6-18-01-01", "数控车工"]]


def test_undecodable_text_gets_a_chinese_message_naming_the_line():
    with pytest.raises(ImportRejected, match="第 2 行有无法识别的字符"):
        text_decode(b"a\n" + b"\xff\xff\xff\xff")


def test_an_empty_csv_is_called_empty():
    with pytest.raises(ImportRejected, match="文件是空的"):
        table_header(table_read(content=b"", file_name="x.csv"))


def test_the_upload_handler_stops_keeping_a_file_past_the_limit(settings):
    settings.JINENG_MAX_UPLOAD_BYTES = 100
    handler = UploadLimitHandler(RequestFactory().post("/"))
    handler.new_file("file", "big.xlsx", "application/octet-stream", 250)

    passed = [handler.receive_data_chunk(b"x" * 60, start) for start in (0, 60, 120, 180)]
    upload = handler.file_complete(240)

    assert passed[:1] == [b"x" * 60] and passed[2:] == [None, None]
    assert isinstance(upload, OversizeUpload) and upload.size == 240
    with pytest.raises(ImportRejected, match="文件过大：0.0 MB，上限为 0 MB"):
        upload.read()


def test_the_upload_handler_leaves_a_file_within_the_limit_to_the_next_handler(settings):
    settings.JINENG_MAX_UPLOAD_BYTES = 100
    handler = UploadLimitHandler(RequestFactory().post("/"))
    handler.new_file("file", "small.csv", "text/csv", 50)

    assert handler.receive_data_chunk(b"x" * 50, 0) == b"x" * 50
    assert handler.file_complete(50) is None


def test_an_oversize_upload_reaches_the_view_as_a_refusal(settings, rf):
    settings.JINENG_MAX_UPLOAD_BYTES = 1000
    request = rf.post("/", {"file": SimpleUploadedFile("big.csv", b"x" * 5000)})

    upload = request.FILES["file"]

    assert isinstance(upload, OversizeUpload) and upload.size == 5000
