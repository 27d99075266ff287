"""The ``pane`` section: what the organization decides for its writers' task panes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class PaneSettings:
    """What the organization decides for its writers, read by the task pane and Outlook's
    send check from `/v1/info`."""

    TITLE: ClassVar[str] = "The organization's choices for writers"

    authorship_marks: str = setting(
        "removable",
        values.authorship_marks,
        "The marks the pane keeps in a document around text Penwise wrote "
        "([Authorship](task-pane.md#authorship)): `removable` (writers may remove them, "
        "after a confirmation) or `required` (the organization needs them kept: the pane "
        "offers no Remove marks and says why).",
    )
    outlook_send_check: bool = setting(
        True,
        values.flag,
        "`1`: Outlook's check on Send holds a mail with spelling or grammar issues once, to "
        "review or send anyway; `0`: the organization switches it off and every mail goes "
        "unchecked.",
    )
