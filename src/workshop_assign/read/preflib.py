"""PrefLib's preference files, for researchers: ``.soi``/``.soc`` (strict orders) and
``.toi``/``.toc`` (orders with ties), and the ``.dat`` file of the project-allocation
data set (00038) with the supervisors' capacities.

A preference file (PrefLib 2.0) is a header of ``# KEY: value`` lines, among them
``# ALTERNATIVE NAME i: name``, then one line per distinct order, ``count: order``,
the order a comma-separated list of alternative numbers (1-based), equal ones in
braces: ``3: 4,{1,7},2`` is three voters ranking 4 first, 1 and 7 equal second, 2
fourth... third.  Each voter becomes one attendee (``voter 1``, ``voter 2``, ...).

The ``.dat`` file holds comma-separated sections, each under its own header line:
``Project,Capacity,...`` (seats per project) and ``Supervisor,Capacity,Projects``
(a supervisor's capacity over their projects, numbered from 0 as in the names
``Project 0``, ``Project 1``, ...).  Supervisors become ``SharedCapacity`` rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from workshop_assign.core.model import Problem, Wish
from workshop_assign.core.rules import Rules, SharedCapacity
from workshop_assign.errors import InputError

__all__ = ["PrefLibInstance", "read_preflib"]

_HEADER = re.compile(r"^#\s*([^:]+?)\s*:\s*(.*)$")
_TYPES = {"soi", "soc", "toi", "toc"}


@dataclass(frozen=True)
class PrefLibInstance:
    """A PrefLib instance read: the problem, the supervisors' shared capacities, and the
    file's header (``title``, ``data type``, ...)."""

    problem: Problem
    shared_capacities: tuple[SharedCapacity, ...] = ()
    header: dict[str, str] = field(default_factory=dict)

    @property
    def rules(self) -> Rules:
        """``Rules`` with the shared capacities, for ``solve(..., rules=...)``."""
        return Rules(shared_capacities=self.shared_capacities)


def read_preflib(
    path: str | Path,
    *,
    capacities: int | dict[str, int] | None = None,
    dat: str | Path | None = None,
) -> PrefLibInstance:
    r"""Read a PrefLib ``.soi``, ``.soc``, ``.toi`` or ``.toc`` file.

    Seats come from ``capacities`` (the same number for every alternative, or one per
    name), else from the ``.dat`` file beside it (or given as ``dat``); its supervisors
    become shared capacities.  Raises ``InputError`` naming the line that cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import workshop_assign as wa
    >>> path = Path(tempfile.mkdtemp()) / "students.soi"
    >>> _ = path.write_text(
    ...     "# ALTERNATIVE NAME 1: P1\n# ALTERNATIVE NAME 2: P2\n2: 1,2\n1: 2\n", encoding="utf-8"
    ... )
    >>> data = wa.read_preflib(path, capacities=2)
    >>> len(data.problem.keys), data.problem.workshop_names
    (3, ('P1', 'P2'))
    """
    path = Path(path)
    header, orders = _parse(path)
    names = _names(header, path)
    found = _dat(path, dat)
    seats = _seats(capacities, found[0] if found else {}, names, path)
    unknown = sorted({a for _, order in orders for g in order for a in g} - set(names))
    if unknown:
        raise InputError(
            f"{path.name}: an order names alternative {unknown[0]}, which the header does "
            "not name (# ALTERNATIVE NAME ...)"
        )
    wishes: dict[str, list[Wish]] = {}
    for count, order in orders:
        for _ in range(count):
            wishes[f"voter {len(wishes) + 1}"] = [
                {names[a] for a in group} if len(group) > 1 else names[group[0]] for group in order
            ]
    problem = Problem.from_preferences(wishes, capacities=seats)
    shared = _supervisors(found[1] if found else [], names, path)
    return PrefLibInstance(problem, shared, header)


def _parse(path: Path) -> tuple[dict[str, str], list[tuple[int, list[list[int]]]]]:
    """The header (keys lower case) and each line's voter count and order."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path.name}: cannot be read as a PrefLib file ({error})") from None
    header: dict[str, str] = {}
    orders = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            found = _HEADER.match(line)
            if found:
                header[found[1].strip().lower()] = found[2].strip()
            continue
        orders.append(_order_line(line, path, number))
    kind = header.get("data type", path.suffix.lstrip(".")).lower()
    if kind not in _TYPES:
        raise InputError(f"{path.name}: data type {kind!r} is not an order (soi, soc, toi or toc)")
    return header, orders


def _order_line(line: str, path: Path, number: int) -> tuple[int, list[list[int]]]:
    """``count: 4,{1,7},2`` as (3, [[4], [1, 7], [2]])."""
    count, colon, order = line.partition(":")
    groups: list[list[int]] = []
    try:
        for part in re.findall(r"\{[^}]*\}|[^,{}]+", order):
            members = [int(x) for x in part.strip("{} ").split(",") if x.strip()]
            if members:
                groups.append(members)
        voters = int(count)
    except ValueError:
        voters = -1
    if not colon or voters < 1 or not all(a >= 1 for g in groups for a in g):
        raise InputError(
            f"{path.name}, line {number}: {line[:40]!r} is not 'count: order' "
            "(e.g. '3: 4,{1,7},2')"
        )
    return voters, groups


def _names(header: dict[str, str], path: Path) -> dict[int, str]:
    """Alternative number (1-based) -> its name."""
    names = {
        int(key.rsplit(" ", 1)[1]): value
        for key, value in header.items()
        if key.startswith("alternative name ") and key.rsplit(" ", 1)[1].isdigit()
    }
    count = header.get("number alternatives", "")
    if count.isdigit():
        for a in range(1, int(count) + 1):
            names.setdefault(a, f"Alternative {a}")
    if not names:
        raise InputError(f"{path.name}: names no alternatives (# ALTERNATIVE NAME 1: ...)")
    return names


def _dat(path: Path, given: str | Path | None) -> tuple[dict[str, int], list[list[str]]] | None:
    """Project seats and supervisor rows of the ``.dat`` file, if there is one."""
    dat = Path(given) if given is not None else path.with_suffix(".dat")
    if not dat.is_file():
        if given is not None:
            raise InputError(f"{dat.name}: there is no such file")
        return None
    seats: dict[str, int] = {}
    supervisors: list[list[str]] = []
    section = ""
    for number, line in enumerate(dat.read_text(encoding="utf-8").splitlines(), start=1):
        cells = [c.strip() for c in line.split(",")]
        if not line.strip() or line.startswith("#"):
            continue
        if len(cells) >= 2 and cells[1].lower() == "capacity":
            section = cells[0].lower()
            continue
        if len(cells) < 2 or not cells[1].isdigit():
            raise InputError(f"{dat.name}, line {number}: {line[:40]!r} gives no capacity")
        if section == "project":
            seats[cells[0]] = int(cells[1])
        elif section == "supervisor":
            supervisors.append(cells[:3])
    return seats, supervisors


def _seats(
    capacities: int | dict[str, int] | None,
    from_dat: dict[str, int],
    names: dict[int, str],
    path: Path,
) -> dict[str, int]:
    """Seats per alternative name, from the argument or the ``.dat`` file."""
    if isinstance(capacities, dict):
        given = dict(capacities)
    elif capacities is not None:
        return dict.fromkeys(names.values(), capacities)  # checked with the workshops
    else:
        given = from_dat
    missing = [n for n in names.values() if n not in given]
    if missing:
        raise InputError(
            f"{path.name}: no seats for {missing[0]!r}"
            + (f" and {len(missing) - 1} more" if len(missing) > 1 else "")
            + "; give capacities= (a number for all, or one per name) or a .dat file"
        )
    return {n: given[n] for n in names.values()}


def _supervisors(
    rows: list[list[str]], names: dict[int, str], path: Path
) -> tuple[SharedCapacity, ...]:
    """Supervisor rows (name, capacity, project numbers) as shared capacities."""
    by_name = set(names.values())
    found = []
    for row in rows:
        numbers = row[2].split() if len(row) > 2 else []
        projects = [f"Project {n}" for n in numbers]
        unknown = [p for p in projects if p not in by_name]
        if unknown:
            raise InputError(
                f"{path.name}: supervisor {row[0]!r} offers {unknown[0]!r}, which the "
                "preferences do not name"
            )
        if projects:
            found.append(SharedCapacity(row[0], projects, int(row[1])))
    return tuple(found)
