"""Complaint-system adapters behind one interface."""
