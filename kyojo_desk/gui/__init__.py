"""The PySide6 desk window. The only package that imports Qt."""
