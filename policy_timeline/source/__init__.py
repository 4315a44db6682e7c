"""Reading and checking event files: the model and its declarations (``model``),
partial dates, the files and their YAML (``load``), the spec-driven checks
(``checker``, ``names``), every problem of a folder at once (``validate``), the
JSON Schema, the settings a site gives, and each file's git history."""
