"""The web app and JSON API over the store: ``create_app(db_path)``; ``serve(db)`` runs it."""
