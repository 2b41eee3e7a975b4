from tests.idp import idp, people

__all__ = ["idp", "people"]
