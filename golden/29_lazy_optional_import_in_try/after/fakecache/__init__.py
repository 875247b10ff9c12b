"""A stand-in for an optional heavy test dependency (fakeredis): installed in this tree."""


class Cache(dict):
    def set(self, key, value):
        self[key] = value
