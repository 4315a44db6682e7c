"""The analysis charts: one chart per measure of the events' figures, and plans per year
by lane, "not counted" where no source counts them.

By job: ``counts`` (what each chart counts, as data), ``words`` (the words figures and
blocks share, in the site's language), ``figures`` (the Plotly figures, written once a
build as JSON: ``chart_files``), ``blocks`` (the pages' HTML, from the templates
``templates/policy-timeline/charts/*.html``, which a site may override).
"""

from policy_timeline.render.charts.blocks import (
    local_before_central_html,
    targets_and_outcomes_html,
)
from policy_timeline.render.charts.counts import (
    Cell,
    PlansPerYear,
    Stated,
    figures_by_measure,
    plans_per_year,
)
from policy_timeline.render.charts.figures import (
    PLANS_CHART,
    by_year_charts,
    chart_files,
    figures_charts,
    plans_chart,
)

__all__ = [
    "PLANS_CHART",
    "Cell",
    "PlansPerYear",
    "Stated",
    "by_year_charts",
    "chart_files",
    "figures_by_measure",
    "figures_charts",
    "local_before_central_html",
    "plans_chart",
    "plans_per_year",
    "targets_and_outcomes_html",
]
