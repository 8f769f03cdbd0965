"""The version of this library, for results that must be reproducible.

Written here once and read by the build (``pyproject.toml``), so that knowing it costs
no look-up in the installed metadata when a result is written.
"""

__version__ = "0.1.0"


def library_version() -> str:
    """The package version (written into every result's record)."""
    return __version__
