"""``python -m workshop_assign``: the same as the ``workshop-assign`` command."""

import sys

from workshop_assign.cli import main

sys.exit(main())
