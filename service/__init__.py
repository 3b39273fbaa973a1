"""News cleaning and topic classification service."""
