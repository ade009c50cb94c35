"""Stukken: compose, submit and decide Groningen's bestuurlijke stukken offline.

Layers (one sub-package each):

- ``domain``      pure logic: forms, drafts, validation, numbering, readability
- ``config``      settings declared once with defaults, resource and site paths
- ``storage``     local SQLite store of drafts and revisions
- ``export``      house-style .docx and the page-fit estimate
- ``queue``       the shared-folder submission protocol
- ``secretariat`` agenda, decisions, besluitenlijst and terugkoppeling
- ``cli``         the headless commands behind ``main.py``
- ``ui``          Qt widgets only; they call the services of the layers above
"""

APP_NAME = "Stukken"
APP_ORG = "Gemeente Groningen"
__version__ = "0.1.0"
