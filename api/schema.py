"""The API's OpenAPI schema class.

Each endpoint says who may call it with `extend_schema(auth=[...])`, which replaces
drf-spectacular's `get_auth`, the method that also writes each authentication's security
scheme into the schema's components. Without this class the schema would name
`seatToken`, `trainerToken` and `cookieAuth` in its operations and define none of them.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema

from .access import acts_as_trainer


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


class ApiSchemaGenerator(SchemaGenerator):
    """The schema a request is answered: the public one, and for the trainer (session or
    token) the trainer's endpoints too (views with `trainer_only`, the faults'), which a
    trainee reading the public schema and its documentation page never learns of."""

    for_trainer = False

    def get_schema(self, request=None, public=False):
        self.for_trainer = request is not None and acts_as_trainer(request.user)
        return super().get_schema(request=request, public=public)

    def _get_paths_and_endpoints(self):
        endpoints = super()._get_paths_and_endpoints()
        if self.for_trainer:
            return endpoints
        return [
            endpoint for endpoint in endpoints if not getattr(endpoint[3], "trainer_only", False)
        ]
