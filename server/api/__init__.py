"""The HTTP API for source systems and other tools, versioned under /api/v1."""

from server.api.app import create_api

__all__ = ["create_api"]
