"""Tryggapp: the municipal safety coordinator's desktop program."""

__version__ = "0.1.0"
APP_NAME = "Tryggapp"
ORG_NAME = "Tryggapp"
