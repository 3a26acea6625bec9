"""Scrapy project: thin spiders, pure parsing, pipelines that store posts and evidence."""
