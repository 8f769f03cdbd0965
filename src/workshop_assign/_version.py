"""The installed version of this library, for results that must be reproducible."""

from importlib.metadata import PackageNotFoundError, version


def library_version() -> str:
    """The package version, or ``0+unknown`` when running from an uninstalled tree."""
    try:
        return version("workshop-assign")
    except PackageNotFoundError:
        return "0+unknown"
