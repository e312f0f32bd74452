"""The PySide6 desktop front end. It imports ``sandbox``; ``sandbox`` never imports it."""
