"""Logging filter that masks resident ID numbers, so no log line holds one in full."""

import logging
import re

_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")


def mask_resident_ids(text: str) -> str:
    return _RESIDENT_ID.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_resident_ids(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
