import pytest


def test_tenant_comes_from_the_command_line(tenant):
    assert tenant == "globex"


def test_billing_mock_is_tenant_aware(mock_billing, tenant):
    assert mock_billing.invoice(42) == {"tenant": tenant, "status": "sent"}


def test_only_current_tenant_active(tenant_db, tenant):
    active = [
        row[0] for row in tenant_db.execute("SELECT name FROM tenants WHERE active")
    ]
    assert active == [tenant]


def test_staging_url(staging_url):
    assert staging_url == "https://globex.staging.example.test"


@pytest.mark.tenant("globex")
def test_globex_only(tenant):
    assert tenant == "globex"


@pytest.mark.tenant("acme")
def test_acme_only(tenant):
    raise AssertionError("skipped by pytest_runtest_setup unless --tenant=acme")


@pytest.mark.slow
def test_slow_full_scan(tenant_db):
    assert tenant_db.execute("SELECT COUNT(*) FROM tenants").fetchone()[0] == 3


def test_report_header(pytestconfig):
    headers = pytestconfig.hook.pytest_report_header(
        config=pytestconfig, start_path=pytestconfig.rootpath
    )
    assert ["tenant: globex"] in headers or "tenant: globex" in headers
