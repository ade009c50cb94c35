"""Configuration: where resources, forms, site overrides and user data live."""
