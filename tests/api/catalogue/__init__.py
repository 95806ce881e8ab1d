"""Tests of the catalogue context."""
