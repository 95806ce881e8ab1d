"""The development PKI (certomancer) and its loopback services: a TEST PKI, never for
production, shared by the demo, the worker and the tests."""
