"""Load and fault tests: eoffice serve and the worker on the suite's database."""
