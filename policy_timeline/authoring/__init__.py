"""Tools for the people who write a timeline: a new event file (``new``), a new
site (``scaffold``, ``policy-timeline init``), the issue form and the event file
written from an issue made with it (``issue_form``; ``suggest``, reading the issue with
``issue`` and ``issue_answers`` and telling what it did with ``suggestion_texts``)."""
