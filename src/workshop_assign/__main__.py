"""``python -m workshop_assign``: the same as the ``workshop-assign`` command."""

from workshop_assign.cli import entry

entry()
