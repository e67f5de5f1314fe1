"""Cleanup (清理) rules: pure text detectors kept apart from models so commands and tests reuse them."""
