def test_backend(backend):
    assert backend == "memory"
