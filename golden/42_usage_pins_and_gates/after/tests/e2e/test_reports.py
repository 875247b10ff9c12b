def test_report_dir_is_empty(report_dir, config):
    assert list(report_dir.iterdir()) == []
