"""Every hint that names a pm-coach command, in one place (jrnl's MsgText is the model).

Code below app/ raises its errors with a :class:`~pm_coach.errors.Hint` (a key and values);
:func:`hint_text` gives the words, where the error is shown. A hint that names no command may
stay a plain string where the error is raised.
"""

from __future__ import annotations

from pm_coach.errors import Hint

HINTS: dict[str, str] = {
    "maps-list": "See the map ids with 'pm-coach maps list'.",
    "maps-known": "{near}Known maps: {known}. See them with 'pm-coach maps list'.",
    "map-validate": "Check it with 'pm-coach maps validate {path}'.",
    "assess-first": "Run a full assessment first: pm-coach assess",
    "action-ids": "See the action ids with 'pm-coach maps show {map}' or in your plan "
    "('pm-coach plan').",
    "log-example": 'Say what you did, e.g. pm-coach log "Ran the Q3 pricing review with sales"',
    "role-add": 'Add one: pm-coach profile role add "Acme" "Senior PM" --start 2024-03',
    "network-names": "{near}See the names with 'pm-coach network list'.",
    "network-rm": "Use another name (for example add a surname), or remove the old one first "
    "with: pm-coach network rm {name}",
    "evidence-ids": "See the ids with 'pm-coach evidence list'.",
    "feedback-ids": "See the ids with 'pm-coach feedback list'.",
    "member-keys": "only what 'pm-coach share -o member.toml' writes",
    "answers-file": "Check the path: it is the -answers.toml file 'feedback request' wrote "
    "beside the form ('pm-coach feedback request --help' says where).",
    # shown by render/ views, which get them through say()
    "to-plan": "To turn them into actions that produce evidence: pm-coach plan",
    "assess-history": "pm-coach assess --history",
    "log-gap": 'pm-coach log "what you did" --gap {gap}',
    "log-action": 'pm-coach log "what you did" --action {action}',
    "evidence-edit": "pm-coach evidence edit {id}",
    "evidence-since": "pm-coach evidence list --since {since}",
    "assess": "pm-coach assess",
    "next": "pm-coach next",
    "plan": "pm-coach plan",
    "plan-full": "pm-coach plan --full",
    "plan-new": "pm-coach plan new",
    "plan-new-fit": "pm-coach plan new --weeks {weeks} --hours {hours}",
    "plan-done": "pm-coach plan done {action}",
    "plan-done-by": "pm-coach plan done {action} --evidence {id}",
    "plan-skip": 'pm-coach plan skip {action} --why "the reason"',
    "network-add": 'pm-coach network add "…" --kind {kind} --helps {gap}',
    "network-edit-helps": "pm-coach network edit {name} --helps {gap}",
    "network-find-gap": "pm-coach network find --gap {gap}",
    "network-touch": "pm-coach network touch {name}",
    "network-touch-note": 'pm-coach network touch {name} --note "…"',
    "maps-validate": "pm-coach maps validate {path}",
    "maps-show-json": "pm-coach maps show {map} --json",
    "profile-set": "pm-coach profile set {flags}",
    "profile-set-map": "pm-coach profile set --map {map}",
    "role-add-back": "pm-coach profile role add {company} {title} --start {start}{end}",
}


def shell_quote(text: str) -> str:
    """Double-quote ``text`` for a POSIX shell (the form people expect to see and edit)."""
    escaped = "".join("\\" + ch if ch in '\\"$`' else ch for ch in text)
    return f'"{escaped}"'


def log_command(action_id: str, map_id: str | None = None) -> str:
    """The line that records evidence for an action; ``…`` is where what you did goes.

    ``log --action`` tags the action's gap by itself, so no ``--gap`` is needed; ``--map`` is
    added when the plan's map is not the one ``pm-coach log`` uses by default."""
    line = f"pm-coach log {shell_quote('…')} --action {action_id}"
    return f"{line} --map {map_id}" if map_id else line


def role_add_command(company: str, title: str, start: str, end: str | None) -> str:
    """The command that adds a role back (printed after ``profile role rm``)."""
    import shlex

    return say(
        "role-add-back",
        company=shlex.quote(company),
        title=shlex.quote(title),
        start=start,
        end=f" --end {end}" if end else "",
    )


def say(key: str, **values: object) -> str:
    """The words of the hint ``key`` with ``values`` filled in: what app/ hands a view."""
    return HINTS[key].format(**values)


def hint_text(hint: str | Hint | None) -> str | None:
    """The words of ``hint``: a plain string as it is, a :class:`Hint` from :data:`HINTS`."""
    if isinstance(hint, Hint):
        return say(hint.key, **hint.values)
    return hint
