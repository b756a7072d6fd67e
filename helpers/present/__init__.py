"""Presenting the briefing: the offline build (decks, pages, handout) and its assets.

This package reads the finished notebooks; nothing in the briefing's flow imports it.
"""
