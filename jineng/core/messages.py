"""Engine messages (``core.engine.messages.Message``) in the viewer's language, and in a form JSON can keep.

An import stores its errors with ``messages_dump`` (``{"msgid": …, "params": {…}}``, plain text as is) and shows
them with ``message_text``, which translates the template and every parameter that is itself a message, at the
moment of showing, so a file refused in Chinese reads in English for an English viewer.
"""

from typing import Any

from django.utils.translation import gettext

from jineng.core.engine.messages import Message


def message_text(value: Any) -> str:
    """``value`` (a Message, its dumped form or plain text) translated into the active language."""
    if isinstance(value, Message):
        return _translated(value.msgid, value.params)
    if isinstance(value, dict) and "msgid" in value:
        return _translated(value["msgid"], value.get("params") or {})
    return gettext(value) if isinstance(value, str) and value else str(value)


def _translated(msgid: str, params: dict[str, Any]) -> str:
    text = gettext(msgid)
    if not params:
        return text
    shown = {name: message_text(value) if _is_message(value) else value for name, value in params.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):  # a translation with a wrong placeholder: fall back to the source
        return msgid.format(**shown)


def _is_message(value: Any) -> bool:
    return isinstance(value, Message) or (isinstance(value, dict) and "msgid" in value)


def message_dump(value: Any) -> Any:
    """A Message as ``{"msgid", "params"}`` (parameters dumped too); anything else unchanged (as text)."""
    if isinstance(value, Message):
        return {"msgid": value.msgid, "params": {name: _param_dump(v) for name, v in value.params.items()}}
    return str(value)


def _param_dump(value: Any) -> Any:
    if isinstance(value, Message):
        return message_dump(value)
    if isinstance(value, (int, float, str)) or value is None:
        return value
    return str(value)


def messages_dump(values) -> list:
    return [message_dump(value) for value in values]
