"""The browser tests: JupyterLab and Voilà in headless chromium (a package, so its
conftest does not shadow tests/conftest.py)."""
