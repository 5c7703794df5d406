"""The trainer in a real browser: the one way a browser test signs the trainer in."""


def trainer_signs_in(page, trainer_credentials, next_url: str = "/en/") -> None:
    """Sign the trainer in on the trainer's sign-in page (the Django admin's) and wait for the
    page it leads to, `next_url`."""
    email, password = trainer_credentials
    page.goto(f"/en/django-admin/login/?next={next_url}")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"**{next_url}")
