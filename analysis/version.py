"""The package version, in one place (the report names it as ``generator.version``)."""
__version__ = "0.1.0"
