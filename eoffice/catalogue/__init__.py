"""Catalogue context: procedures, cases, required documents, taxonomies, publication."""
