"""The one persona x center x outcome table of the tests (docs/decision-tables.md,
docs/personas.md), written out by hand: the table-driven tests compare the product with it, so
it is never computed by the product's own functions.

Each path lists the branches of that center's table a persona takes, in order: the outcome ids
of the article, and two ends that are no outcome of the article ("portal-signed-in": holds a
Corporate Billing Portal login and signs in; "refused": the Admin Center is for account admins).
"""

BILLING_CENTER = "billing_center"
ADMIN_CENTER = "admin_center"

PATHS = {
    "ana": {BILLING_CENTER: ["BC-1"], ADMIN_CENTER: ["AC-1"]},
    "bruno": {BILLING_CENTER: ["BC-2", "BC-2a"], ADMIN_CENTER: ["AC-2"]},
    "carla": {BILLING_CENTER: ["BC-2", "BC-2a"], ADMIN_CENTER: ["refused"]},
    "diego": {
        BILLING_CENTER: ["BC-2", "BC-2b", "portal-signed-in"],
        ADMIN_CENTER: ["AC-3", "portal-signed-in"],
    },
    "elena": {BILLING_CENTER: ["BC-2", "BC-2b", "BC-2c"], ADMIN_CENTER: ["AC-3", "AC-3c"]},
    "fernanda": {BILLING_CENTER: ["BC-1"], ADMIN_CENTER: ["AC-1"]},
    # Sandbox staff, no account: not in the persona table, but signs in like anyone else.
    "trainer": {BILLING_CENTER: ["BC-2", "BC-2a"], ADMIN_CENTER: ["refused"]},
}
# Who holds a Corporate Billing Portal login in the sample data.
PORTAL_LOGIN_HOLDERS = {"diego"}
# The personas of the home page's persona table (customers, in the sample data's order).
CUSTOMERS = [key for key in PATHS if key != "trainer"]
# The scenario guide's table slug for each center.
GUIDE_TABLES = {BILLING_CENTER: "billing-center", ADMIN_CENTER: "admin-center"}


def landing(key: str) -> str:
    """Billing Center sign-in: BC-1 or BC-2."""
    return PATHS[key][BILLING_CENTER][0]


def my_account(key: str) -> str | None:
    """My Account's outcome; None for the billing admin, who never sees one."""
    path = PATHS[key][BILLING_CENTER]
    return path[1] if len(path) > 1 else None


def add_licenses(key: str) -> str | None:
    """Admin Center "Add Licenses"; None when the Admin Center refuses the persona."""
    first = PATHS[key][ADMIN_CENTER][0]
    return None if first == "refused" else first


def guide_branches() -> list[tuple[str, str, list[str]]]:
    """(guide table, branch test id, customers who take it): every prefix of every path."""
    branches: dict[tuple[str, str], list[str]] = {}
    for key in CUSTOMERS:
        for center, table in GUIDE_TABLES.items():
            path = PATHS[key][center]
            for end in range(1, len(path) + 1):
                branches.setdefault((table, "-".join(path[:end])), []).append(key)
    return [(table, branch, keys) for (table, branch), keys in branches.items()]
