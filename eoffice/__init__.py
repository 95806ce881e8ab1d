"""eoffice: the back office of a city's electronic office."""

__version__ = "0.1.0"
