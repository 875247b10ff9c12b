def test_cli_echoes_arguments(staging_cli):
    assert staging_cli("search", "--title", "tester") == {
        "argv": ["search", "--title", "tester"]
    }


def test_cli_without_arguments(staging_cli):
    assert staging_cli() == {"argv": []}
