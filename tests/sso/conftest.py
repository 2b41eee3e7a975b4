from tests.idp import idp, people, relying_party

__all__ = ["idp", "people", "relying_party"]
