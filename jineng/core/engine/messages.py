"""Messages of pure engines as templates: the Chinese source text (the msgid) and its parameters.

Engines import no Django, so they cannot translate. They mark their texts with ``gettext_noop`` (this module's:
it returns the text unchanged; ``makemessages`` finds the calls by name) and return a ``Message``: a ``str``
holding the Chinese sentence — so callers that join, compare or show errors as before keep working — that also
keeps ``msgid`` and ``params``, so the service or page translates it (``core.messages.message_text``) and
stores it (``core.messages.message_dump``). A parameter may itself be a ``Message`` (a column's label).
"""

from typing import Any


def gettext_noop(text: str) -> str:
    """Marks ``text`` for the translation catalogue; returns it unchanged."""
    return text


class Message(str):
    """A Chinese sentence built from a marked template; ``msgid`` and ``params`` let it be translated later."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> "Message":
        made = super().__new__(cls, msgid.format(**params) if params else msgid)
        made.msgid = msgid
        made.params = params
        return made

    def __reduce__(self):
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid: str, params: dict[str, Any]) -> Message:
    return Message(msgid, **params)


def row_error(row: int, column: str, message: str) -> Message:
    """第 N 行“列”：… — ``column`` is a marked column label, ``message`` a Message or plain text."""
    return Message(gettext_noop("第 {row} 行“{column}”：{message}"), row=row, column=Message(column), message=message)


def row_problem(row: int, message: str) -> Message:
    """第 N 行：… (a problem of the whole row)."""
    return Message(gettext_noop("第 {row} 行：{message}"), row=row, message=message)
