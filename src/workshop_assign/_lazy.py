"""Names of a package that import their module on first use (PEP 562).

A package face lists each public name with the module that defines it; importing the
face then costs nothing, and ``face.name`` imports only what that name needs.  So
``import workshop_assign`` loads neither the solver nor the writers, and the command
line loads the mail modules only for ``notify``.  Type checkers read the same names
from the face's ``if TYPE_CHECKING:`` block.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence


def attach(
    package: str, modules: Mapping[str, Sequence[str]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose public names live in the
    modules ``modules`` gives (module path -> its names); a name is looked up once, then
    kept."""
    homes = {name: module for module, names in modules.items() for name in names}

    def look_up(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[package], name, value)
        return value

    def listing() -> list[str]:
        return sorted(set(homes) | set(vars(sys.modules[package])))

    return look_up, listing
