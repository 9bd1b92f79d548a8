"""pm-coach: a local-first career coach for product managers growing into product leaders."""

__version__ = "0.1.0"
