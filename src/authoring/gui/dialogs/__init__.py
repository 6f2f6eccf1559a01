"""Dialogs: export, restore after a crash, opening a damaged file."""
