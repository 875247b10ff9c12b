"""The application under test (not installed: tests put src/ on sys.path)."""

import app_settings


class App:
    def __init__(self):
        self.mode = app_settings.MODE

    def handle(self, path):
        if path == "/health":
            return {"status": 200, "body": f"ok ({self.mode})"}
        return {"status": 404, "body": "not found"}
