def test_worker_reports(e2e_worker):
    assert e2e_worker("oslo") == {"city": "oslo", "ok": True}


def test_worker_in_validated_env(e2e_env, e2e_worker):
    # skipped unless RUN_E2E_TESTS=1
    assert e2e_env["python"]
    assert e2e_worker("paris")["ok"]
