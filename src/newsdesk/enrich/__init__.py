"""Enrichment of articles: language, entities, dates and events, keywords, channel."""
