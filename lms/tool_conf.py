"""pylti1p3's view of the registered LMSs: its `ToolConfAbstract` over `lms.models`.

It only finds; it never creates. An issuer, client id or deployment id nobody registered is
not found, and pylti1p3 refuses the login or the launch (`lms.launch` says why)."""

from pylti1p3.deployment import Deployment as LtiDeployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from .keys import tool_key
from .models import Deployment, Platform


def registration_of(platform: Platform) -> Registration:
    key = tool_key()
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.token_url)
        .set_key_set_url(platform.keyset_url)
        .set_tool_private_key(key.private_pem)
        .set_tool_public_key(key.public_pem)
    )


class SandboxToolConf(ToolConfAbstract):
    """Many client ids per issuer (one per registration); found by issuer and client id."""

    platform: Platform | None = None
    deployment: Deployment | None = None

    def check_iss_has_one_client(self, iss):
        return False

    def check_iss_has_many_clients(self, iss):
        return True

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        return self.find_registration_by_params(iss, None)

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        platforms = Platform.objects.filter(issuer=iss)
        if client_id:
            platforms = platforms.filter(client_id=client_id)
        self.platform = platforms.order_by("pk").first()
        return None if self.platform is None else registration_of(self.platform)

    def find_deployment(self, iss, deployment_id):
        return None

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        self.deployment = (
            Deployment.objects.select_related("platform")
            .filter(
                platform__issuer=iss,
                platform__client_id=client_id,
                deployment_id=deployment_id,
            )
            .first()
        )
        if self.deployment is None:
            return None
        return LtiDeployment().set_deployment_id(deployment_id)
