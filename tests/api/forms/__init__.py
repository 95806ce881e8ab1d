"""Tests of the forms context."""
