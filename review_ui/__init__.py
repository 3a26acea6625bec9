"""The analysts' web app: FastAPI, Jinja2 and htmx, in Bahasa Indonesia."""
