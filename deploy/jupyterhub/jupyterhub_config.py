"""JupyterHub for a dubao class on one machine, as run by tests/class/ and
described in INSTRUCTORS.md: JupyterHub 6 from PyPI, configurable-http-proxy from
the npm registry, each student a real local user whose server LocalProcessSpawner
starts as that user (so nbgrader files every submission under its own name, and
file modes keep students apart), in the environment install.sh made.

    DUBAO_HUB_PASSWORD=… DUBAO_INSTRUCTORS=teacher /opt/dubao/venv/bin/jupyterhub \\
        -f /opt/dubao/course/deploy/jupyterhub/jupyterhub_config.py

Settings come from the environment:
DUBAO_HUB_PREFIX (install.sh's prefix, /opt/dubao), DUBAO_HUB_STATE (the hub's
database and secrets, /srv/jupyterhub), DUBAO_HUB_IP and DUBAO_HUB_PORT (where
students connect, 127.0.0.1:8000; the hub's API and the proxy's take the next two
ports), DUBAO_HUB_GROUP (the Unix group of the class, dubao-class),
DUBAO_INSTRUCTORS (comma-separated admin users), DUBAO_HUB_PASSWORD (the one
password of DummyAuthenticator), DUBAO_EXCHANGE (nbgrader's exchange folder) and
DUBAO_HUB_SERVICE_TOKEN (optional: an admin token for scripts such as the class
test and the capacity benchmark).

DummyAuthenticator with one password is for a class on a closed network and for
the tests. With real passwords, use the machine's own accounts instead (PAM):
``c.JupyterHub.authenticator_class = "pam"`` and drop DUBAO_HUB_PASSWORD; the
allowed users and admins below stay the same.
"""

import grp
import os
from pathlib import Path

c = get_config()  # noqa: F821 - JupyterHub's config loader provides it

prefix = Path(os.environ.get("DUBAO_HUB_PREFIX", "/opt/dubao"))
state = Path(os.environ.get("DUBAO_HUB_STATE", "/srv/jupyterhub"))
ip = os.environ.get("DUBAO_HUB_IP", "127.0.0.1")
port = int(os.environ.get("DUBAO_HUB_PORT", "8000"))
state.mkdir(parents=True, exist_ok=True)
state.chmod(0o700)  # the hub's database and cookie secret

c.JupyterHub.bind_url = f"http://{ip}:{port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{port + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
c.ConfigurableHTTPProxy.command = [str(prefix / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# Who may log in: the class's Unix group and the instructors; never anyone else
# (with DummyAuthenticator and a root hub, "allow all" would let "root" in).
group = os.environ.get("DUBAO_HUB_GROUP", "dubao-class")
instructors = {name for name in os.environ.get("DUBAO_INSTRUCTORS", "").split(",") if name}
try:
    students = set(grp.getgrnam(group).gr_mem)
except KeyError:
    students = set()
c.Authenticator.allowed_users = students | instructors
c.Authenticator.admin_users = instructors
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("DUBAO_HUB_PASSWORD") or os.urandom(16).hex()

token = os.environ.get("DUBAO_HUB_SERVICE_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "dubao-admin", "api_token": token}]
    c.JupyterHub.load_roles = [{"name": "dubao-admin", "services": ["dubao-admin"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "access:servers",
                                           "read:users", "list:users"]}]

# One server per student, started as that student by LocalProcessSpawner.
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(prefix / "course" / "deploy" / "jupyterhub" / "singleuser.sh")]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.environment = {"DUBAO_EXCHANGE": os.environ.get("DUBAO_EXCHANGE", "/srv/nbgrader/exchange"),
                         "DUBAO_COURSE": str(prefix / "course"), "MPLBACKEND": "Agg"}
# Twenty servers starting at once on two cores take a while; see INSTRUCTORS.md.
# A kernel that needs more than jupyter_server's 60 s to answer its first
# kernel_info request is given up as dead: with 20 students opening lesson 00 at
# once, 2 kernels were (benchmarks/hub_capacity.py). Give them 3 minutes.
c.Spawner.args = ["--MappingKernelManager.kernel_info_timeout=180"]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
c.JupyterHub.concurrent_spawn_limit = 0
