"""The instructor's nbgrader course folder for dubao (copy this file into it, e.g.
~/course/). Assignments come from the lessons: the source notebooks that
`python -m dubao lessons` generates in deploy/jupyterhub/source/, read from the
installed read-only course (DUBAO_COURSE, default /opt/dubao/course)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - nbgrader's config loader provides it
here = Path(__file__).resolve().parent
course = Path(os.environ.get("DUBAO_COURSE", "/opt/dubao/course"))

c.CourseDirectory.course_id = "dubao"
c.CourseDirectory.root = str(here)
c.CourseDirectory.source_directory = str(course / "deploy" / "jupyterhub" / "source")
c.Exchange.root = os.environ.get("DUBAO_EXCHANGE", "/srv/nbgrader/exchange")
# A lesson's first cells read the page: give them time on a busy machine.
c.ExecutePreprocessor.timeout = 180
# Autograding runs students' quizzes and CodeChecks again; their attempts must not
# land in the instructor's own progress database.
os.environ["DUBAO_DATA_DIR"] = str(here / "autograde-progress")
