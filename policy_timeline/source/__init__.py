"""Reading and checking event files: the model (``model``) and the file formats declared
once (``formats``), partial dates, the files (``load``) and their YAML (``yaml_nodes``),
bodies that are unsafe or too costly (``body_checks``), the spec-driven checks
(``checker`` and its ``check_*`` modules, ``names``), the data files and each event file
(``data_files``, ``event_file``), every problem of a folder at once (``validate``), the
JSON Schema, the settings a site gives, and each file's git history."""
