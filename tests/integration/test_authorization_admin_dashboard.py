"""Who may open the back office's dashboard, in each of its forms (periods, custom dates, the htmx block):
admins who passed the second factor only. Guests are sent to sign in, admins without the second factor to it,
everyone else gets 403 — and none of them sees a figure of the business."""
import pytest

from tests.backoffice import SIGN_IN, TWO_FACTOR, assert_answer, sign_in_as

ROLES = ("guest", "customer", "vendor", "courier", "admin_without_second_factor", "admin")
EXPECTED = {"guest": SIGN_IN, "customer": 403, "vendor": 403, "courier": 403,
            "admin_without_second_factor": TWO_FACTOR, "admin": 200}
URLS = [
    ("/admin", {}),
    ("/admin?period=7d", {}),
    ("/admin?period=last_month", {}),
    ("/admin?period=custom&from=2026-01-01&to=2026-01-31", {}),
    ("/admin?period=custom&from=2026-01-31&to=2026-01-01", {}),
    ("/admin?period=90d", {"HX-Request": "true"}),
]
CASES = [(url, headers, role) for url, headers in URLS for role in ROLES]


ACCOUNTS = {"customer": ("customer",), "vendor": ("customer", "vendor"), "courier": ("courier",),
            "admin_without_second_factor": ("admin",), "admin": ("admin",)}


@pytest.mark.parametrize("url, headers, role", CASES,
                         ids=[f"{role}-{url}{'-htmx' if headers else ''}" for url, headers, role in CASES])
def test_only_admins_with_the_second_factor_see_the_dashboard(client, create_user, url, headers, role):
    if role != "guest":
        user = create_user(email=f"{role.replace('_', '-')}@example.com", roles=ACCOUNTS[role])
        sign_in_as(client, user, second_factor=(role == "admin"))
    response = client.get(url, headers=headers)
    expected = EXPECTED[role]
    if expected == SIGN_IN and headers:  # htmx follows HX-Redirect
        assert response.status_code == 401 and "/sign-in" in response.headers["HX-Redirect"]
    else:
        assert_answer(response, expected)
    body = response.get_data(as_text=True)
    assert ("dashboard-report" in body) == (expected == 200)
    assert ("GMV" in body) == (expected == 200)
