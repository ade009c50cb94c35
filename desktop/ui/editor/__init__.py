"""The editor generated from a form: one widget per field kind, findings, page meter."""
