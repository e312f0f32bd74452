"""Catalog Sandbox: the headless core. Nothing under this package imports Qt."""

__version__ = "0.1.0"
