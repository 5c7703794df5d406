"""The API's OpenAPI schema class.

Each endpoint says who may call it with `extend_schema(auth=[...])`, which replaces
drf-spectacular's `get_auth`, the method that also writes each authentication's security
scheme into the schema's components. Without this class the schema would name
`seatToken`, `trainerToken` and `cookieAuth` in its operations and define none of them.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema


class ApiAutoSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            AutoSchema.get_auth(self)  # registers the security schemes, whatever `auth=` says
        return operation


class StrictSerializerExtension(OpenApiSerializerExtension):
    """A body the API refuses unknown fields of (`serializers.StrictSerializer`) says so in
    the schema: `additionalProperties: false`."""

    target_class = "api.serializers.StrictSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        schema["additionalProperties"] = False
        return schema
