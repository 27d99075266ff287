"""Marshmallow schemas: they validate requests and feed the OpenAPI document."""
