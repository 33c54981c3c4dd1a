"""An upload handler that stops storing a file once it passes the upload limit, while the body still streams in.

Django's own handlers keep the whole file (in memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``, then on disk)
before any view can look at its size. This one sits first in ``FILE_UPLOAD_HANDLERS``: it counts each chunk as
it arrives and, past ``JINENG_MAX_UPLOAD_BYTES``, passes nothing on to the handlers after it, so the rest of the
body is read and dropped. The view then receives an ``OversizeUpload``: its ``size`` is what arrived (so
``check_upload_size`` refuses it with the usual Chinese message) and reading it raises the same refusal.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from jineng.core.engine.files import FileLimits, size_check
from jineng.core.exceptions import ImportRejected


class OversizeUpload(UploadedFile):
    """Stands in for a file refused while it was arriving; it holds no content."""

    def __init__(self, *, name: str, content_type: str, size: int, limit: int):
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.limit = limit

    def read(self, *args, **kwargs) -> bytes:
        size_check(self.size, FileLimits(max_bytes=self.limit))
        raise ImportRejected(["文件过大"])  # unreachable: size is above the limit by construction

    def open(self, mode=None):
        return self

    def chunks(self, chunk_size=None):
        yield self.read()

    def close(self) -> None:
        return None


class UploadLimitHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.limit = settings.JINENG_MAX_UPLOAD_BYTES
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        return raw_data if self.received <= self.limit else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= self.limit:
            return None  # the next handler (memory or temporary file) holds the whole file
        return OversizeUpload(name=self.file_name, content_type=self.content_type, size=self.received,
                              limit=self.limit)
