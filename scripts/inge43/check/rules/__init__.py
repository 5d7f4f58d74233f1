"""Every rule family; importing this package registers their rules (in this order) in the registry."""

from . import contacts, examples, freshness, identity, keywords, offers, reading, references, text  # noqa: F401
