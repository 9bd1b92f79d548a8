"""Property-based: any entry the model accepts comes back from the file exactly as it went in.

Any unicode (quotes, backslashes, emoji, right-to-left text, TOML-looking text, long text) is
written by the append path and by the rewrite path, and read back by both readers: the fast
reader used for files pm-coach wrote itself, and the general tomllib reader used after a hand
edit. All four must give the same entries.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pm_coach.models import Evidence
from pm_coach.models.common import SHORT_MAX, TEXT_MAX
from pm_coach.store import tables
from pm_coach.store.evidence import KEY, EvidenceStore, fast_entries

# Every character the one-line fields accept: no control characters (Cc), no surrogates (Cs),
# no line or paragraph separators. Quotes, backslashes and TOML syntax are mixed in on purpose.
TRICKY = list("\"\\'#=[]{}.,: ") + ["é", "𝔘", "🚀", "ע", "\u00a0", "\u200b", "\ufeff"]
# Fragments that look like the file's own syntax, which a reader must not be fooled by.
FRAGMENTS = [
    "\\n",
    "\\u0000",
    '\\"',
    "'''",
    '"""',
    "[[evidence]]",
    'id = "abcdef"',
    " = ",
    "text = ",
]
chars = st.characters(
    blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"
) | st.sampled_from(TRICKY)


def line(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    pieces = st.lists(
        st.one_of(st.text(chars, max_size=12), st.sampled_from(FRAGMENTS)), max_size=8
    )
    return (
        st.one_of(pieces.map("".join), st.text(chars, max_size=max_size))
        .map(lambda s: s[:max_size])
        .filter(lambda s: len(s) >= min_size)
    )


one_line = line(0, TEXT_MAX)
short = line(1, SHORT_MAX)
slug = st.from_regex(r"^[a-z0-9][a-z0-9-]{0,39}$", fullmatch=True)
entry_ids = st.from_regex(r"^[a-z0-9]{3,12}$", fullmatch=True)

entries = st.builds(
    dict,
    date=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2100, 12, 31)),
    text=st.one_of(line(1, TEXT_MAX), st.just("x" * TEXT_MAX)),
    result=one_line,
    metrics=st.lists(short, max_size=4),
    gaps=st.lists(slug, max_size=3, unique=True),
    tags=st.lists(short, max_size=4),
    goal=one_line,
    kind=st.sampled_from(["work", "volunteer", "talk", "publication"]),
    org=one_line,
    action=st.one_of(st.just(""), st.from_regex(r"^[a-z0-9][a-z0-9-]{0,59}$", fullmatch=True)),
    created=st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(tzinfo=dt.UTC)
    ),
)


def validated(values: dict[str, object], entry_id: str) -> Evidence | None:
    try:
        return Evidence.model_validate({"id": entry_id, **values})
    except ValidationError:
        return None  # not an entry pm-coach accepts (e.g. only whitespace): not this test's case


def general_reader(path: Path) -> list[Evidence]:
    text = path.read_text("utf-8")
    return tables.parse_tables(path, text, KEY, Evidence)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(entries, entry_ids), min_size=1, max_size=4, unique_by=lambda t: t[1]))
def test_any_entry_round_trips_through_append_and_rewrite(
    batch: list[tuple[dict[str, object], str]],
) -> None:
    wanted = [e for e in (validated(v, i) for v, i in batch) if e is not None]
    assume(wanted)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        store = EvidenceStore(folder)
        for entry in wanted:
            store.append(lambda _new_id, entry=entry: entry)
        text = store.path.read_text("utf-8")
        tomllib.loads(text)  # plain TOML, readable by any TOML reader
        assert store.load() == wanted
        assert fast_entries(text) == wanted
        assert general_reader(store.path) == wanted
        assert [e.to_json() for e in store.load()] == [e.to_json() for e in wanted]

        store.rewrite(lambda current: list(reversed(current)))
        text = store.path.read_text("utf-8")
        assert store.load() == list(reversed(wanted))
        assert fast_entries(text) == list(reversed(wanted))
        assert general_reader(store.path) == list(reversed(wanted))


@settings(max_examples=30, deadline=None)
@given(line(1, TEXT_MAX))
def test_any_text_round_trips_through_the_log_command(text: str) -> None:
    """The same through the real command line, in-process: what is typed is what is stored."""
    from typer.testing import CliRunner

    from pm_coach.cli import app

    expected = validated(
        {
            "date": dt.date(2026, 1, 1),
            "text": text,
            "created": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        },
        "abc",
    )
    with tempfile.TemporaryDirectory() as tmp:
        result = CliRunner().invoke(app, ["--data-dir", tmp, "log", "--", text])
        if expected is None:
            assert result.exit_code == 2 and "Traceback" not in result.output
            return
        assert result.exit_code == 0, result.output
        (entry,) = EvidenceStore(Path(tmp)).load()
        assert entry.text == expected.text
