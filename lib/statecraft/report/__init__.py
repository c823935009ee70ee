"""Report: notebooks and parameters in; executed notebooks, HTML pages and an index out.

``params`` reads and checks each notebook's typed parameters; ``run`` executes the notebooks
with papermill and renders them with nbconvert; ``pages`` writes the index pages;
``explore`` is the widgets explorer (``highlight`` renders its HTML).
"""

from statecraft.report.explore import Explorer, explore
from statecraft.report.pages import write_run_index, write_runs_index
from statecraft.report.params import check_parameters, coerce, notebook_parameters, validate_values
from statecraft.report.run import ReportError, notebook_paths, project_dir, run_reports

__all__ = [
    "Explorer",
    "ReportError",
    "check_parameters",
    "coerce",
    "explore",
    "notebook_parameters",
    "notebook_paths",
    "project_dir",
    "run_reports",
    "validate_values",
    "write_run_index",
    "write_runs_index",
]
