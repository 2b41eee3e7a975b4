from tests.pushsvc import push_service

__all__ = ["push_service"]
