"""Layer: export."""
