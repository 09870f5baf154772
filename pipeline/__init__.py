"""vnextract: a Vietnamese information-extraction pipeline (normalize → … → Parquet tables)."""

__version__ = "0.1.0"
