"""Pytest fixture for the fake Ollama server (filled in with llm/fake.py)."""
