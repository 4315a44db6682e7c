"""STUB (issue 3 timeline replaces): the Plotly figure and timeline assets."""


def site_files(build):
    return {}
