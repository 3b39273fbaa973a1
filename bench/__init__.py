"""Benchmark commands: they print figures and are never run as timed tests."""
