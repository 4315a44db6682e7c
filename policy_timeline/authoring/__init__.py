"""Tools for the people who write a timeline: a new event file (``new``), a new
site (``scaffold``, ``policy-timeline init``), the issue form and the event file
written from an issue made with it (``issue_form``, ``suggest``)."""
