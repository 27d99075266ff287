"""The local engine: Harper plus our own rules, offline (see :mod:`.engine`); built from the
settings by :mod:`.engine_setup`."""
