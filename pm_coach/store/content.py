"""Shipped content that is data, not code: the conversation toolkit and people-finding guide.

It lives in ``content/`` beside ``skill_maps/`` (inside the package once installed, the repo's
top-level folder in a source checkout) and is read once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pm_coach.errors import DataFileError
from pm_coach.models.guide import NetworkGuide
from pm_coach.store import files, tables

GUIDE_FILE = "network.toml"


def content_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    packaged = here / "content"
    if packaged.is_dir():
        return packaged
    return here.parent / "content"


@cache
def network_guide() -> NetworkGuide:
    """The toolkit, validated; a broken shipped file is a DataFileError naming it."""
    from pydantic import ValidationError

    path = content_dir() / GUIDE_FILE
    text = files.read_text(path, own=False)  # shipped with pm-coach, not a data file
    if text is None:
        raise DataFileError(
            f"{path} is missing: pm-coach's conversation toolkit was not installed.",
            hint="Reinstall pm-coach (pip install --force-reinstall pm-coach).",
        )
    doc = tables.parse_toml(path, text)
    tables.check_schema_version(path, doc)
    body = {k: v for k, v in doc.items() if k != "schema_version"}
    try:
        return NetworkGuide.model_validate(body, strict=True)
    except ValidationError as exc:
        raise DataFileError(
            f"{path}: {tables.describe_validation(exc)}.", hint="Fix the file and try again."
        ) from None
