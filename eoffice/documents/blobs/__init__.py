"""Content-addressed storage of document bytes behind a port (``BlobStore``)."""
