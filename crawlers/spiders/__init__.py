"""Thin spiders, one per platform."""
