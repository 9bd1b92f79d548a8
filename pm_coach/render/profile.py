"""The profile and the roles as plain text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pm_coach.models import Profile, Role

# How each answer to the motivation check reads back to the user.
MOTIVATION_LABELS = {
    "manage": "lead a team of PMs",
    "ic": "grow as a principal or staff PM without reports",
    "expert": "become the company's expert in an area",
    "unsure": "not sure yet",
}


def hours(value: float) -> str:
    return f"{value:g}"


def role_line(number: int, role: Role) -> str:
    span = f"{role.start} – {role.end or 'present'}"
    return f"{number:>2}. {span:<19} {role.company} — {role.title}"


def _role_lines(number: int, role: Role, width: int) -> list[str]:
    """``role_line`` in ``width`` columns: company and title wrap under themselves."""
    from pm_coach.render.plain import wrap

    line = role_line(number, role)
    head = line[: 4 + 19 + 1]  # "NN. " and the span, padded
    lead = " " * len(head)
    words = wrap(f"{role.company} — {role.title}", max(width - len(head), 20))
    return [head + words[0], *(lead + w for w in words[1:])]


def roles_text(roles: Sequence[Role], width: int = 80) -> str:
    return "".join(
        line + "\n" for n, r in enumerate(roles, start=1) for line in _role_lines(n, r, width)
    )


def profile_text(profile: Profile, width: int = 80) -> str:
    """The profile as label and value lines in ``width`` columns: a long value wraps at its
    words under itself."""
    from pm_coach.render.plain import wrap

    rows = [
        ("name", profile.name or "(not set)"),
        ("current role", profile.current_role or "(not set)"),
        ("target role", profile.target_role or "(not set)"),
        ("hours per week", hours(profile.hours_per_week)),
        ("skill map", profile.map),
    ]
    rows += [
        (label, value)
        for label, value in (
            ("email", profile.email),
            ("location", profile.location),
            ("summary", profile.summary),
            ("goal", profile.goal),
            ("investment", profile.investment),
            ("personality", profile.personality),
            ("background", profile.background),
            ("market", profile.market),
            ("motivation", MOTIVATION_LABELS.get(profile.motivation, "")),
        )
        if value
    ]
    label_w = max(len(label) for label, _ in rows)
    lead = " " * (label_w + 2)
    out = ""
    for label, value in rows:
        lines = wrap(value, max(width - len(lead), 20)) or [""]
        out += f"{label:<{label_w}}  {lines[0]}".rstrip() + "\n"
        out += "".join(f"{lead}{line}\n" for line in lines[1:])
    if profile.roles:
        out += "roles\n" + "".join(
            f"  {line}\n"
            for n, r in enumerate(profile.roles, start=1)
            for line in _role_lines(n, r, width - 2)
        )
    else:
        out += f"{'roles':<{label_w}}  (none yet)\n"
    return out


def profile_json(profile: Profile) -> str:
    return json.dumps(profile.to_json(), ensure_ascii=False, indent=2) + "\n"


def roles_json(roles: Sequence[Role]) -> str:
    rows = [
        {"number": n, "company": r.company, "title": r.title, "start": r.start, "end": r.end}
        for n, r in enumerate(roles, start=1)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
