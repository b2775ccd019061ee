"""cxlint: a linter for customer-experience language (service, experience, excellence, centricity)."""

__version__ = "0.1.0"
