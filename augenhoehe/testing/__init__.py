"""Test factories and role fixtures shared by every app's tests (a pytest plugin, see ``fixtures``)."""
