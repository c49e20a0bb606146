"""nbgrader for everyone in the dubao class (installed by install.sh into the
single-user environment's etc/jupyter/): the course id and the exchange folder
through which the instructor releases and collects and students fetch and submit.
The instructor's course folder has its own nbgrader_config.py on top (course/)."""

import os

c = get_config()  # noqa: F821 - nbgrader's config loader provides it
c.CourseDirectory.course_id = "dubao"
c.Exchange.root = os.environ.get("DUBAO_EXCHANGE", "/srv/nbgrader/exchange")
