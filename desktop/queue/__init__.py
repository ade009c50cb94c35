"""Layer: queue."""
