"""Tests for the review gate, department isolation and leaks (the outside audit's findings)."""
