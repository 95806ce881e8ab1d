"""The sandbox card gateway: a pretend provider on loopback, for tests and the demo."""
