"""Layer: secretariat."""
