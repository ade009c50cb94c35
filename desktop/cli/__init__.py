"""The headless commands behind ``main.py``: everything the window does, scriptable."""
