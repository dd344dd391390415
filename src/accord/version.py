"""The package version, in a leaf module: any layer can name it without importing the public API
(``accord/__init__.py``), which sits on top of the pipeline."""

__version__ = "0.1.0"
