"""The API's OpenAPI schema class.

Each endpoint says who may call it with `extend_schema(auth=[...])`, which replaces
drf-spectacular's `get_auth`, the method that also writes each authentication's security
scheme into the schema's components. Without this class the schema would name
`seatToken`, `trainerToken` and `cookieAuth` in its operations and define none of them.
"""

from drf_spectacular.openapi import AutoSchema


class ApiAutoSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            AutoSchema.get_auth(self)  # registers the security schemes, whatever `auth=` says
        return operation
