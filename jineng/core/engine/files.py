"""Safe reading of uploaded files, pure Python: limits checked before any work, text decoded with a clear message.

An ``.xlsx`` or ``.docx`` is a zip archive. Its central directory (at the end of the file) declares every
member's compressed and uncompressed size, so a zip bomb — a 1 MB file whose sheet inflates to a gigabyte — is
refused from the directory alone, before a single byte is inflated. A directory that lies about a size is
caught too: ``zipfile`` stops inflating a member at its declared size and the CRC then fails, and
``zip_verify`` reads every member that way in small chunks before the file goes to a reader (calamine,
python-docx) that might trust the header less.
"""

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from jineng.core.engine.messages import Message, gettext_noop
from jineng.core.exceptions import ImportRejected

MB = 1024 * 1024
_RATIO_FLOOR = MB  # small members (styles, shared strings of a short file) may compress very well: no ratio check
_CHUNK = MB


@dataclass(frozen=True)
class FileLimits:
    """What an upload may be: its own size, and for zip-based formats what it may inflate to."""

    max_bytes: int = 10 * MB
    max_unzipped_bytes: int = 256 * MB
    max_ratio: int = 200
    max_members: int = 2000


def size_check(size: int, limits: FileLimits) -> None:
    if size > limits.max_bytes:
        raise ImportRejected([Message(gettext_noop("文件过大：{size:.1f} MB，上限为 {limit:.0f} MB"), size=size / MB,
                                     limit=limits.max_bytes / MB)])


def zip_check(source: bytes | BinaryIO, limits: FileLimits, *, kind: str = "Excel") -> None:
    """Refuse an archive whose directory declares too much (total, ratio, members) or that is no archive."""
    try:
        with zipfile.ZipFile(_stream(source)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ImportRejected([Message(gettext_noop("无法读取{kind}文件：文件已损坏或不是 {kind} 格式"), kind=kind)]) from exc
    problem = _directory_problem(members, limits)
    if problem:
        raise ImportRejected([Message(gettext_noop("{kind}文件被拒绝：{problem}。请检查文件，或将数据分成几个文件上传"), kind=kind,
                                     problem=problem)])


def zip_verify(source: bytes | BinaryIO, limits: FileLimits, *, kind: str = "Excel") -> None:
    """``zip_check``, then inflate every member in chunks (nothing kept) to prove the directory told the truth."""
    zip_check(source, limits, kind=kind)
    total = 0
    try:
        with zipfile.ZipFile(_stream(source)) as archive:
            for member in archive.infolist():
                with archive.open(member) as handle:
                    while chunk := handle.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.max_unzipped_bytes:
                            raise ImportRejected([Message(gettext_noop("{kind}文件被拒绝：解压后超过 {limit:.0f} MB"), kind=kind,
                                                                     limit=limits.max_unzipped_bytes / MB)])
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ImportRejected([Message(gettext_noop("无法读取{kind}文件：文件已损坏（{error}）"), kind=kind,
                                     error=type(exc).__name__)]) from exc


def _directory_problem(members: Iterable[zipfile.ZipInfo], limits: FileLimits) -> Message | None:
    members = list(members)
    if len(members) > limits.max_members:
        return Message(gettext_noop("包含 {count} 个部件，上限为 {limit} 个"), count=len(members), limit=limits.max_members)
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        return Message(gettext_noop("解压后为 {size:.0f} MB，上限为 {limit:.0f} MB"), size=total / MB,
                       limit=limits.max_unzipped_bytes / MB)
    for member in members:
        if member.file_size > _RATIO_FLOOR and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            return Message(gettext_noop("部件 {name} 的压缩比为 {ratio}:1，超过上限 {limit}:1（疑似压缩炸弹）"),
                           name=member.filename, ratio=ratio, limit=limits.max_ratio)
    return None


def _stream(source: bytes | BinaryIO) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    source.seek(0)
    return source


# Text ---------------------------------------------------------------------------------------------------

ENCODINGS = ("utf-8-sig", "gb18030")  # GB 18030 is a superset of GBK and GB 2312: what Excel writes on Chinese Windows


def text_decode(content: bytes, *, kind: str = "CSV") -> str:
    """UTF-8 (with or without BOM) or GBK/GB 18030; anything else gets a message naming the line."""
    errors = []
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError as exc:
            errors.append(exc)
    line = content[: errors[0].start].count(b"\n") + 1  # where UTF-8, the expected encoding, broke
    raise ImportRejected([Message(gettext_noop("{kind} 文件第 {line} 行有无法识别的字符：请保存为 UTF-8 或 GBK 编码"
                                                "（在 Excel 中“另存为 CSV UTF-8”）"), kind=kind, line=line)])
